/** The environment variables that name the real Synapse the test:synapse suite runs against. */
// @ts-nocheck

export const synapseEnvNames = {
  url: "ROSTER_SYNAPSE_URL",
  adminToken: "ROSTER_SYNAPSE_ADMIN_TOKEN",
  sharedSecret: "ROSTER_SYNAPSE_SHARED_SECRET",
} as const;
