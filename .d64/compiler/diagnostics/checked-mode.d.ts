/** docs/diagnostics.md's last section: how race warnings are grouped, and when to turn on checked mode. */
export declare const CHECKED_MODE: readonly string[];
