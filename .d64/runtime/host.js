let current = null;
/** Installs the host (done once by the package entry). */
export function setHost(h) {
    current = h;
}
/** The installed host. */
export function host() {
    if (current === null) {
        throw new Error("parfor internal error: no host is installed (import parfor from its package entry, \"parfor\")");
    }
    return current;
}
/** Whether a host is installed (for code that also runs in workers, which have none). */
export function hasHost() {
    return current !== null;
}
