import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "reports/", ".stryker-tmp*/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // One root, so that a Stryker sandbox copy of the project (.stryker-tmp/) never looks like a second one.
      parserOptions: { tsconfigRootDir: import.meta.dirname },
      globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["src/plan/**/*.ts", "src/render/**/*.ts", "src/declarations/model.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["node:*", "**/homeserver/**", "**/github/**", "**/sandbox/**"], message: "plan/ and render/ stay pure: no I/O imports." }] },
      ],
    },
  },
);
