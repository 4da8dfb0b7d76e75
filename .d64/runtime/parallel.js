import { formatMessage } from "../compiler/diagnostics/messages.js";
import { ParforCompileError } from "../compiler/diagnostics/errors.js";
import { callInProgress, invoke, invokeAsync, load, MAX_THREADS } from "./invoke.js";
import { threads as defaultThreads } from "./api.js";
import { signatureOf } from "./signature.js";
import { pinArgs } from "./marshal.js";
import { host } from "./host.js";
import { envVar, soon, warn } from "./platform.js";
import { ensureWorkers, READY_TIMEOUT_MS } from "./pool.js";
import { controlView, READY, STATE, WORKER_DEAD, workerField } from "./control.js";
import { sharedMemory } from "./memory.js";
import { waitAsync, wasmUnavailable } from "./wasm.js";
import { aliasSettings } from "./alias.js";
import { bindingName, callerSite, locateSource, mapPosition, plainOrigin } from "./source.js";
import { explainCall } from "./explain.js";
const OPTION_KEYS = new Set(["threads", "schedule", "chunkSize", "fallback", "globals", "warnings", "aliasing", "cache", "check"]);
const IDENT = /^[A-Za-z_$][\w$]*$/;
function badOption(name, what) {
    throw new TypeError(formatMessage("PF3003", [name, what]));
}
/** Validates options at the public boundary; every message names the option. */
export function validateOptions(o) {
    if (o === undefined)
        return {};
    if (o === null || typeof o !== "object" || Array.isArray(o)) {
        throw new TypeError("parallel(): options must be an object, got " + (o === null ? "null" : Array.isArray(o) ? "an array" : typeof o));
    }
    const opts = o;
    for (const k of Object.keys(opts))
        if (!OPTION_KEYS.has(k))
            badOption(k, `is not an option (known: ${[...OPTION_KEYS].join(", ")}).`);
    const t = opts.threads;
    if (t !== undefined && (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > MAX_THREADS)) {
        badOption("threads", `must be an integer from 1 to ${MAX_THREADS}, got ${String(t)}.`);
    }
    if (opts.schedule !== undefined && opts.schedule !== "static" && opts.schedule !== "dynamic" && opts.schedule !== "guided") {
        badOption("schedule", `must be "static", "dynamic" or "guided", got ${JSON.stringify(opts.schedule)}.`);
    }
    const c = opts.chunkSize;
    if (c !== undefined && (typeof c !== "number" || !Number.isSafeInteger(c) || c < 1)) {
        badOption("chunkSize", `must be a positive integer, got ${String(c)}.`);
    }
    if (opts.fallback !== undefined && opts.fallback !== "js" && opts.fallback !== "error") {
        badOption("fallback", `must be "js" or "error", got ${JSON.stringify(opts.fallback)}.`);
    }
    if (opts.aliasing !== undefined && opts.aliasing !== "serial" && opts.aliasing !== "error") {
        badOption("aliasing", `must be "serial" or "error", got ${JSON.stringify(opts.aliasing)}.`);
    }
    if (opts.warnings !== undefined && typeof opts.warnings !== "boolean")
        badOption("warnings", `must be a boolean, got ${typeof opts.warnings}.`);
    if (opts.check !== undefined && opts.check !== "races" && opts.check !== "off") {
        badOption("check", `must be "races" or "off", got ${JSON.stringify(opts.check)}.`);
    }
    if (opts.cache !== undefined && typeof opts.cache !== "boolean" && (typeof opts.cache !== "string" || opts.cache === "")) {
        badOption("cache", `must be a boolean or a folder, got ${typeof opts.cache === "string" ? '""' : typeof opts.cache}.`);
    }
    const g = opts.globals;
    if (g !== undefined) {
        if (g === null || typeof g !== "object" || Array.isArray(g))
            badOption("globals", "must be an object mapping names to numbers, booleans or functions.");
        for (const [name, v] of Object.entries(g)) {
            if (!IDENT.test(name))
                badOption("globals", `has a key that is not an identifier: ${JSON.stringify(name)}.`);
            if (typeof v !== "number" && typeof v !== "boolean" && typeof v !== "function")
                badOption("globals", `entry '${name}' must be a number, a boolean or a function, got ${typeof v}.`);
        }
    }
    return opts;
}
/** Per-kernel state shared by all its specialisations. */
class Dispatcher {
    fn;
    options;
    site;
    source;
    shapeCache = null;
    cache = new Map();
    /** async compiles in flight, by signature: concurrent `.async` calls share one */
    inflight = new Map();
    shapePending = null;
    origin;
    analysed = null;
    fallbackReason = null;
    warned = false;
    /** kernels built ahead of time (parfor build, the bundler plugin, the compile cache): found now, used without the compiler */
    pre;
    constructor(fn, options, site) {
        this.fn = fn;
        this.options = options;
        this.site = site;
        this.source = fn.toString();
        // checked mode compiles its own instrumented kernels: nothing precompiled is used or stored
        this.pre = checkMode(options) ? NOTHING_PRECOMPILED : host().precompiled(fn, this.source, options, site?.file);
    }
    /**
     * Compile errors that do not depend on argument types (unsupported syntax, free variables, ...)
     * reported by `parallel()` itself, so that a wrong kernel fails where it is written: a
     * ParforCompileError, or with `fallback: "js"` one warning and plain calls from then on. The
     * shape it parses is the one the first call needs anyway. Nothing loads the compiler for it
     * where it may not be needed: a kernel found ahead of time (manifest, bundle, cache) compiled
     * already, a program built ahead of time (a manifest applies: `parfor build` reported what does
     * not compile) may never call the kernels it left to the run time, a page has no compiler, and
     * a process without WebAssembly runs no kernel.
     */
    checkEarly() {
        if (this.pre.shape !== null || this.pre.aheadOfTime || host().jit === null || wasmUnavailable() !== null)
            return;
        try {
            this.shape();
        }
        catch (e) {
            this.fallback(e);
        }
    }
    /**
     * The JIT compiler; where the host has none (a page: kernels come from the bundler plugin) a
     * ParforCompileError that says how to get the kernel compiled, which `fallback: "js"` catches.
     */
    jit() {
        const j = host().jit;
        if (j !== null)
            return j;
        throw new ParforCompileError(`parfor: kernel '${this.name}' was not compiled ahead of time for this call, and the compiler is not loaded here: ` +
            `bundle the page with the plugin of parfor/bundler (it compiles each kernel for the argument kinds its annotations, JSDoc, signatures option or calls show), ` +
            `load the compiler in the page with await import("parfor/jit"), or pass the option fallback: "js" to run it as plain JavaScript`, []);
    }
    bound;
    /** The function's own name, else the variable, property or export the kernel is bound to (read from the call site), else "anonymous". */
    get name() {
        if (this.fn.name)
            return this.fn.name;
        if (this.bound === undefined)
            this.bound = bindingName(this.site);
        return this.bound ?? "anonymous";
    }
    sourceOrigin() {
        if (this.origin === undefined)
            this.origin = locateSource(this.site, this.source);
        return this.origin;
    }
    /** Kernel-relative positions made absolute (or left relative when the file is unknown). */
    position(d) {
        const o = this.sourceOrigin();
        if (!o)
            return d;
        // through the file's source map when it has one (dist/app.js -> src/app.ts)
        const p = mapPosition(o, d.line, d.column);
        const related = d.related.map((r) => {
            const q = mapPosition(o, r.line, r.column);
            return { ...r, line: q.line, column: q.column };
        });
        return { ...d, line: p.line, column: p.column, file: p.file ?? o.file, related };
    }
    where(d) {
        if (d.file !== undefined)
            return `${d.file}:${d.line}:${d.column}`;
        const site = this.site ? ` (parallel() called at ${this.site.file}:${this.site.line})` : "";
        return `kernel ${this.name} line ${d.line}:${d.column}${site}`;
    }
    /** Diagnostics of the kernel analysed with default parameter types (no call needed). */
    diagnostics() {
        if (!this.analysed) {
            if (host().jit === null)
                return [];
            const r = this.jit().check(this.source, this.options);
            this.shapeCache ??= r.shape;
            this.analysed = r.diagnostics.map((d) => this.position(d));
        }
        return this.analysed;
    }
    /** kernel.explain(...args): the compiler's facts for this call's specialisation, and the call's own (runtime/explain.ts). */
    explain(args) {
        const self = this;
        return explainCall({
            name: this.name,
            source: this.source,
            options: this.options,
            compileOptions: this.compileOptions,
            place: (line, column) => {
                const o = self.sourceOrigin();
                return o ? mapPosition(o, line, column) : { line, column };
            },
            settings: this.settings(),
            shape: () => self.shape(),
            jit: () => self.jit(),
        }, args);
    }
    compileError(ds) {
        const pos = ds.map((d) => this.position(d));
        const errors = pos.filter((d) => d.category === "error");
        const first = errors[0] ?? pos[0];
        const lines = errors.map((d) => `${this.where(d)} - error ${d.code}: ${d.message}`);
        return new ParforCompileError(`parfor: cannot compile kernel '${this.name}':\n  ${lines.join("\n  ")}`, first ? errors : []);
    }
    warnOnce(ds) {
        if (this.warned)
            return;
        this.warned = true;
        if (this.options.warnings === false)
            return;
        for (const d of ds) {
            if (d.category !== "warning")
                continue;
            const p = this.position(d);
            warn(`${this.where(p)} ${d.code} (${d.name}): ${d.message}`, "ParforSafetyWarning", d.code);
        }
    }
    shapeFrom(r) {
        if (!r.shape || r.diagnostics.some((d) => d.category === "error"))
            throw this.compileError(r.diagnostics);
        return r.shape;
    }
    shape() {
        return (this.shapeCache ??= this.shapeFrom(this.jit().shapeOf(this.source, this.options)));
    }
    get compileOptions() {
        const checkRaces = checkMode(this.options);
        return { ...(this.options.globals === undefined ? {} : { globals: this.options.globals }), ...(checkRaces ? { checkRaces } : {}) };
    }
    /**
     * Whether this process can run compiled kernels: false (run the plain function) when it has
     * no WebAssembly and the kernel falls back to JS; an Error that says why when it does not.
     */
    runnable() {
        const why = wasmUnavailable();
        if (why === null)
            return true;
        if (this.options.fallback !== "js") {
            throw new Error(`parfor: cannot run kernel '${this.name}': ${why}. With the option fallback: "js" it runs as plain JavaScript instead.`);
        }
        this.fallbackReason = why;
        if (!warnedNoWasm) {
            warnedNoWasm = true;
            warn(`parfor: ${why}; kernels with fallback: "js" run as plain JavaScript.`, "ParforWarning", "PARFOR_NO_WASM");
        }
        return false;
    }
    /**
     * The loaded specialisation for `args` when it needs no compiling or parsing: null when the
     * kernel falls back to JS, undefined when it is not ready yet (TypeError for bad arguments).
     */
    ready(args) {
        if (this.fallbackReason !== null || !this.runnable())
            return null;
        const shape = (this.shapeCache ??= this.pre.shape);
        if (shape === null)
            return undefined;
        return this.cache.get(signatureOf(this.name, shape, args).join(","));
    }
    /**
     * Like `specialise`, without blocking the event loop: the kernel is parsed and compiled on the
     * compile worker (on this thread only when no worker can be had). Calls of one signature share
     * one compile; a synchronous call meanwhile compiles on its own, and the first to finish is kept.
     */
    async specialiseAsync(args) {
        if (this.fallbackReason !== null || !this.runnable())
            return null;
        // start the pool's threads now so that they boot while the kernel compiles (worker 0 leads an async call)
        if (this.cache.size === 0)
            prestartGradually(this.settings().threads);
        let shape = (this.shapeCache ??= this.pre.shape);
        if (shape === null) {
            try {
                shape = await this.shapeOffThread();
            }
            catch (e) {
                return this.fallback(e);
            }
            if (this.fallbackReason !== null)
                return null;
        }
        const sig = signatureOf(this.name, shape, args);
        const key = sig.join(",");
        const have = this.cache.get(key);
        if (have)
            return have;
        let p = this.inflight.get(key);
        if (p === undefined) {
            const s = shape;
            p = (async () => {
                const hit = this.pre.find(sig);
                if (hit)
                    return this.install(key, s, sig, hit, true);
                let r;
                try {
                    const jit = this.jit();
                    r = (await jit.offThread({ kind: "compile", source: this.source, options: this.compileOptions, params: sig })) ?? jit.compile(this.source, sig, this.compileOptions);
                }
                catch (e) {
                    return this.fallback(e);
                }
                return this.install(key, s, sig, r, false);
            })();
            this.inflight.set(key, p);
            const forget = () => void this.inflight.delete(key);
            p.then(forget, forget);
        }
        return p;
    }
    /** The kernel's shape from the compile worker (one request at a time; errors are not cached, as in shape()). */
    shapeOffThread() {
        return (this.shapePending ??= (async () => {
            try {
                const jit = this.jit();
                const r = await jit.offThread({ kind: "shape", source: this.source, options: this.compileOptions });
                return (this.shapeCache ??= this.shapeFrom(r ?? jit.shapeOf(this.source, this.options)));
            }
            finally {
                this.shapePending = null;
            }
        })());
    }
    /** Loads and caches a compiled specialisation (the one already cached wins: compiled twice, kept once). */
    install(key, shape, sig, r, precompiled) {
        const have = this.cache.get(key);
        if (have)
            return have;
        if (this.fallbackReason !== null)
            return null;
        if (!r.compiled)
            return this.fallback(this.compileError(r.diagnostics));
        if (!precompiled)
            this.pre.store(shape, { sig: [...sig], compiled: r.compiled, diagnostics: r.diagnostics });
        this.warnOnce(r.diagnostics);
        this.analysed ??= r.diagnostics.map((d) => this.position(d));
        const located = this.sourceOrigin();
        const origin = located ? plainOrigin(located, [...r.compiled.sites, ...r.compiled.loops]) : { line: 1, column: 1 };
        const loaded = load(r.compiled, { name: this.name, origin });
        this.cache.set(key, loaded);
        return loaded;
    }
    /** The loaded specialisation for `args`, compiling it on first use; null when falling back to JS. */
    specialise(args) {
        if (this.fallbackReason !== null || !this.runnable())
            return null;
        const pre = this.pre;
        let shape;
        try {
            shape = (this.shapeCache ??= pre.shape) ?? this.shape();
        }
        catch (e) {
            return this.fallback(e);
        }
        const sig = signatureOf(this.name, shape, args);
        const key = sig.join(",");
        const have = this.cache.get(key);
        if (have)
            return have;
        // start the pool's threads now so that they boot while this thread compiles
        if (this.cache.size === 0)
            prestart(this.settings().threads);
        const hit = pre.find(sig);
        let r;
        try {
            r = hit ?? this.jit().compile(this.source, sig, this.compileOptions);
        }
        catch (e) {
            return this.fallback(e);
        }
        return this.install(key, shape, sig, r, hit !== null);
    }
    fallback(e) {
        if (this.options.fallback !== "js" || !(e instanceof ParforCompileError))
            throw e;
        if (this.fallbackReason !== null)
            return null; // warned already (another call of this kernel failed first)
        this.fallbackReason = e.message;
        warn(formatMessage("PF3004", [this.name, e.message]), "ParforWarning", "PF3004");
        return null;
    }
    base = null;
    settings(args) {
        // the default thread count is read once per kernel, like the options
        const s = (this.base ??= Object.freeze({
            threads: noWorkers() ? 1 : (this.options.threads ?? defaultThreads()),
            schedule: this.options.schedule ?? "guided",
            chunkSize: this.options.chunkSize ?? 1,
            warnings: this.options.warnings !== false,
        }));
        // arrays that share memory: one thread when the overlap creates a dependence (runtime/alias.ts)
        return args ? aliasSettings(this.source, this.name, () => this.shape().params.map((p) => p.name), this.options.globals, args, s, this.options.aliasing) : s;
    }
}
/** Starts (without waiting for) the workers a call with `threads` threads will use. */
function prestart(threads) {
    try {
        if (threads > 1 && !noWorkers())
            ensureWorkers(threads - 1, false);
    }
    catch {
        // a failure to start surfaces, with its message, when the call waits for the workers
    }
}
/**
 * Starts `n` pool workers one per turn of the event loop: making a Worker costs the calling thread
 * about 2 ms, and a pool started at once would be one long pause.
 */
function prestartGradually(n) {
    let have = 0;
    const next = () => {
        if (have >= n)
            return;
        prestart(++have + 1);
        soon(next);
    };
    soon(next);
}
let warnedNoWasm = false;
let workersForbidden;
/**
 * Whether Node's permission model forbids worker threads (started with --experimental-permission
 * but not --allow-worker). Kernels then run compiled on the calling thread alone, which needs no
 * worker, and `.async` calls run there too; one warning says so.
 */
function noWorkers() {
    if (workersForbidden === undefined) {
        // Node's permission model without --allow-worker, or a page that is not cross-origin isolated
        const why = host().noWorkers();
        workersForbidden = why !== null;
        if (why !== null)
            warn(why.warning, "ParforWarning", why.code);
    }
    return workersForbidden;
}
/**
 * Waits, without blocking, until `n` pool workers are ready (started by prestart): the runtime's
 * own wait for them blocks. Returns early when a worker died or after the pool's boot timeout;
 * the call then reports it.
 */
async function poolReady(n) {
    if (n < 1 || noWorkers())
        return;
    let ctl;
    try {
        ensureWorkers(n, false);
        ctl = controlView(sharedMemory());
    }
    catch {
        return;
    }
    if (Atomics.load(ctl, READY) >= n)
        return;
    // a pending Atomics.waitAsync does not keep the process alive, and the caller is waiting
    const keepAlive = setInterval(() => { }, 1 << 30);
    try {
        const deadline = Date.now() + READY_TIMEOUT_MS;
        for (;;) {
            const r = Atomics.load(ctl, READY);
            if (r >= n || Date.now() > deadline)
                return;
            for (let i = 0; i < n; i++)
                if (Atomics.load(ctl, workerField(i, STATE)) === WORKER_DEAD)
                    return;
            const w = waitAsync(ctl, READY, r, 20);
            if (w.async)
                await w.value;
        }
    }
    finally {
        clearInterval(keepAlive);
    }
}
/** Async calls being prepared, in call order: each is issued only after those before it. */
const preparing = [];
/** Hands a prepared async call to the runtime (or runs the plain function). */
function issue(c, p) {
    c.issued = true;
    if ("error" in p)
        return c.reject(p.error);
    try {
        c.resolve(runAsync(c.d, p.k, c.args));
    }
    catch (e) {
        c.reject(e);
    }
}
function runAsync(d, k, args) {
    if (k === null)
        return d.fn(...args);
    // without workers nothing can lead the call off this thread: it runs here (see noWorkers)
    if (noWorkers())
        return invoke(k, args, d.settings(args));
    return invokeAsync(k, args, d.settings(args));
}
function flushPreparing() {
    while (preparing.length > 0 && preparing[0].prepared !== null) {
        const c = preparing.shift();
        issue(c, c.prepared);
    }
}
/**
 * Before a synchronous call: async calls made earlier and still compiling are compiled now on
 * this thread and issued, so that they run first, in order (their off-thread compile is kept only
 * if it wins; the runtime then waits for them before this call runs).
 */
function drainPreparing() {
    while (preparing.length > 0) {
        const c = preparing.shift();
        let p = c.prepared;
        if (p === null) {
            try {
                p = { k: c.d.specialise(c.args) };
            }
            catch (error) {
                p = { error };
            }
        }
        issue(c, p);
    }
}
function asyncCall(d, args) {
    return new Promise((resolve, reject) => {
        const c = { d, args, resolve, reject, prepared: null, issued: false };
        preparing.push(c);
        const settle = (p) => {
            if (c.issued)
                return;
            c.prepared = p;
            flushPreparing();
        };
        d.specialiseAsync(args)
            .then(async (k) => {
            // only the leader (worker 0) must be ready: helpers join the call as they boot
            if (k !== null)
                await poolReady(Math.min(1, d.settings().threads));
            return k;
        })
            .then((k) => settle({ k }), (error) => settle({ error }));
    });
}
/** Checked mode for a kernel: its `check` option, else PARFOR_CHECK=races. */
function checkMode(options) {
    return (options.check ?? (envVar("PARFOR_CHECK") === "races" ? "races" : "off")) === "races";
}
const NOTHING_PRECOMPILED = { shape: null, aheadOfTime: false, find: () => null, store: () => { } };
/**
 * Compiles `fn` (a function whose loops are `for (const i of prange(n))`) to WebAssembly threads.
 * The result is called like `fn` and returns what `fn` returns.
 */
export function parallel(fn, options) {
    if (typeof fn !== "function") {
        throw new TypeError(`parallel(): fn must be a function, got ${fn === null ? "null" : typeof fn}`);
    }
    const opts = Object.freeze({ ...validateOptions(options) });
    const d = new Dispatcher(fn, opts, callerSite());
    d.checkEarly();
    let reentered = false;
    const kernel = function (...args) {
        if (callInProgress()) {
            // called from inside a running compiled call (a replaced Math function, a callback): the
            // running call owns the control block and the frames, so this one runs as plain JavaScript
            if (!reentered) {
                reentered = true;
                warn(`parfor: kernel '${d.name}' was called while a compiled call was running on the same thread; such calls run as plain JavaScript`, "ParforWarning", "PARFOR_REENTRANT");
            }
            return fn.apply(this, args);
        }
        if (preparing.length > 0)
            drainPreparing();
        const k = d.specialise(args);
        if (!k)
            return fn.apply(this, args);
        return invoke(k, args, d.settings(args));
    };
    Object.defineProperty(kernel, "name", { value: fn.name });
    Object.defineProperty(kernel, "fn", { value: fn, enumerable: true });
    Object.defineProperty(kernel, "diagnostics", { get: () => d.diagnostics(), enumerable: true });
    Object.defineProperty(kernel, "explain", { value: (...args) => d.explain(args) });
    Object.defineProperty(kernel, "async", {
        value: async (...args) => {
            if (preparing.length === 0) {
                // compiled already (the common case): straight to the runtime
                const k = d.ready(args);
                if (k !== undefined)
                    return runAsync(d, k, args);
            }
            // the parfor arrays it uses cannot be freed while it compiles and runs
            const unpin = pinArgs(args);
            try {
                return await asyncCall(d, args);
            }
            finally {
                unpin();
            }
        },
    });
    return kernel;
}
