// Tests that import runtime modules directly (not through index.ts) need the Node host installed.
import "../runtime/host/node.js";
