/**
 * A small WebAssembly binary encoder: the only code in parfor that knows the binary format.
 *
 * Why not binaryen.js: it is 108 MB installed, ESM-only with top-level await, takes 250-320 ms to
 * import (half of our cold-start budget), and its O3 gave no steady-state speed over V8's own
 * optimiser on our kernels. The subset we emit (one memory import, f64/i32/i64/v128 code,
 * structured control flow, atomics-free loads and stores) is small enough to encode directly, and
 * encoding is deterministic: the same kernel gives the same bytes.
 */
/** A growable byte buffer with LEB128 helpers. */
export class Bytes {
    buf = new Uint8Array(256);
    length = 0;
    reserve(n) {
        if (this.length + n <= this.buf.length)
            return;
        let cap = this.buf.length * 2;
        while (cap < this.length + n)
            cap *= 2;
        const next = new Uint8Array(cap);
        next.set(this.buf.subarray(0, this.length));
        this.buf = next;
    }
    byte(b) {
        this.reserve(1);
        this.buf[this.length++] = b & 0xff;
        return this;
    }
    bytes(bs) {
        this.reserve(bs.length);
        this.buf.set(bs, this.length);
        this.length += bs.length;
        return this;
    }
    u32(v) {
        v >>>= 0;
        do {
            let b = v & 0x7f;
            v >>>= 7;
            if (v !== 0)
                b |= 0x80;
            this.byte(b);
        } while (v !== 0);
        return this;
    }
    s32(v) {
        v |= 0;
        for (;;) {
            const b = v & 0x7f;
            v >>= 7;
            if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
                this.byte(b);
                return this;
            }
            this.byte(b | 0x80);
        }
    }
    s64(v) {
        v = BigInt.asIntN(64, v);
        for (;;) {
            const b = Number(v & 0x7fn);
            v >>= 7n;
            if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
                this.byte(b);
                return this;
            }
            this.byte(b | 0x80);
        }
    }
    f64(v) {
        const dv = new DataView(new ArrayBuffer(8));
        dv.setFloat64(0, v, true);
        return this.bytes(new Uint8Array(dv.buffer));
    }
    name(s) {
        const enc = new TextEncoder().encode(s);
        return this.u32(enc.length).bytes(enc);
    }
    /** A length-prefixed copy of another buffer (sections, function bodies). */
    sized(inner) {
        return this.u32(inner.length).bytes(inner.view());
    }
    view() {
        return this.buf.subarray(0, this.length);
    }
}
/** One function body under construction: locals plus an instruction stream. */
export class FunctionBuilder {
    name;
    params;
    results;
    code = new Bytes();
    localTypes = [];
    constructor(name, params, results) {
        this.name = name;
        this.params = params;
        this.results = results;
    }
    /** Declares a new local and returns its index. */
    local(t) {
        this.localTypes.push(t);
        return this.params.length + this.localTypes.length - 1;
    }
    op(...bs) {
        this.code.bytes(bs);
        return this;
    }
    /** 0xFC-prefixed instructions (saturating truncation, bulk memory). */
    opFC(sub) {
        this.code.byte(0xfc).u32(sub);
        return this;
    }
    /** 0xFE-prefixed atomic memory instructions, with their memory argument. */
    atomic(sub, m) {
        this.code.byte(0xfe).u32(sub).u32(m.align).u32(m.offset);
        return this;
    }
    /** 0xFD-prefixed SIMD instructions. */
    opFD(sub) {
        this.code.byte(0xfd).u32(sub);
        return this;
    }
    block(t) {
        return this.op(0x02, t === "void" ? 0x40 : t);
    }
    loop(t) {
        return this.op(0x03, t === "void" ? 0x40 : t);
    }
    if_(t) {
        return this.op(0x04, t === "void" ? 0x40 : t);
    }
    else_() {
        return this.op(0x05);
    }
    end() {
        return this.op(0x0b);
    }
    br(depth) {
        this.op(0x0c);
        this.code.u32(depth);
        return this;
    }
    brIf(depth) {
        this.op(0x0d);
        this.code.u32(depth);
        return this;
    }
    return_() {
        return this.op(0x0f);
    }
    unreachable() {
        return this.op(0x00);
    }
    call(fnIndex) {
        this.op(0x10);
        this.code.u32(fnIndex);
        return this;
    }
    drop() {
        return this.op(0x1a);
    }
    select() {
        return this.op(0x1b);
    }
    globalGet(i) {
        this.op(0x23);
        this.code.u32(i);
        return this;
    }
    localGet(i) {
        this.op(0x20);
        this.code.u32(i);
        return this;
    }
    localSet(i) {
        this.op(0x21);
        this.code.u32(i);
        return this;
    }
    localTee(i) {
        this.op(0x22);
        this.code.u32(i);
        return this;
    }
    i32Const(v) {
        this.op(0x41);
        this.code.s32(v);
        return this;
    }
    i64Const(v) {
        this.op(0x42);
        this.code.s64(v);
        return this;
    }
    f64Const(v) {
        this.op(0x44);
        this.code.f64(v);
        return this;
    }
    /** A load or store opcode with its memarg. */
    mem(opcode, m) {
        this.op(opcode);
        this.code.u32(m.align).u32(m.offset);
        return this;
    }
    /** The complete body: locals vector (run-length grouped) then code then `end`. */
    encodeBody() {
        const body = new Bytes();
        const groups = [];
        for (const t of this.localTypes) {
            const last = groups[groups.length - 1];
            if (last && last[1] === t)
                last[0]++;
            else
                groups.push([1, t]);
        }
        body.u32(groups.length);
        for (const [n, t] of groups)
            body.u32(n).byte(t);
        body.bytes(this.code.view());
        body.byte(0x0b);
        return body;
    }
}
/** A function copied from another module: its body bytes, indices already mapped. */
export class RawFunction {
    params;
    results;
    body;
    constructor(params, results, body) {
        this.params = params;
        this.results = results;
        this.body = body;
    }
    encodeBody() {
        return new Bytes().bytes(this.body);
    }
}
/**
 * A module: function imports first (their indices come before defined functions, as the format
 * requires), then one imported shared memory, defined functions and exports.
 */
export class ModuleBuilder {
    memory;
    types = [];
    typeKeys = new Map();
    imports = [];
    importKeys = new Map();
    functions = [];
    globalImports = [];
    globals = [];
    exports = [];
    sealedImports = false;
    constructor(memory) {
        this.memory = memory;
    }
    typeIndex(params, results) {
        const key = params.join(",") + "->" + results.join(",");
        let idx = this.typeKeys.get(key);
        if (idx === undefined) {
            idx = this.types.length;
            this.types.push({ params, results });
            this.typeKeys.set(key, idx);
        }
        return idx;
    }
    /** Declares (once) an imported function and returns its function index. */
    importFunc(module, field, params, results) {
        const key = module + "." + field + ":" + params.join(",") + "->" + results.join(",");
        const have = this.importKeys.get(key);
        if (have !== undefined)
            return have;
        if (this.sealedImports)
            throw new Error(`internal: import ${key} declared after the first function`);
        const idx = this.imports.length;
        this.imports.push({ module, field, type: this.typeIndex(params, results) });
        this.importKeys.set(key, idx);
        return idx;
    }
    /** Declares an imported immutable global; returns its global index (before any defined global). */
    importGlobal(module, field, type) {
        if (this.globals.length)
            throw new Error("internal: global import declared after a global");
        this.globalImports.push({ module, field, type });
        return this.globalImports.length - 1;
    }
    /** Defines a global initialised by the constant expression `init` (without `end`). */
    addGlobal(type, mutable, init) {
        this.globals.push({ type, mutable, init });
        return this.globalImports.length + this.globals.length - 1;
    }
    /** Adds a defined function; returns its function index (imports come first). */
    addFunction(fb) {
        this.sealedImports = true;
        this.functions.push({ fb, type: this.typeIndex(fb.params, fb.results) });
        return this.imports.length + this.functions.length - 1;
    }
    /** Function index the next `addFunction` will return (for forward calls). */
    nextFunctionIndex() {
        this.sealedImports = true;
        return this.imports.length + this.functions.length;
    }
    exportFunc(name, index) {
        this.exports.push({ name, index });
    }
    encode() {
        const out = new Bytes();
        out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        const section = (id, fill) => {
            const b = new Bytes();
            fill(b);
            out.byte(id).sized(b);
        };
        section(1, (b) => {
            b.u32(this.types.length);
            for (const t of this.types) {
                b.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
            }
        });
        section(2, (b) => {
            b.u32(this.imports.length + this.globalImports.length + 1);
            for (const im of this.imports)
                b.name(im.module).name(im.field).byte(0x00).u32(im.type);
            for (const g of this.globalImports)
                b.name(g.module).name(g.field).byte(0x03).byte(g.type).byte(0x00);
            const m = this.memory;
            b.name(m.module).name(m.field).byte(0x02).byte(m.shared ? 0x03 : 0x01).u32(m.minPages).u32(m.maxPages);
        });
        section(3, (b) => {
            b.u32(this.functions.length);
            for (const f of this.functions)
                b.u32(f.type);
        });
        if (this.globals.length) {
            section(6, (b) => {
                b.u32(this.globals.length);
                for (const g of this.globals)
                    b.byte(g.type).byte(g.mutable ? 1 : 0).bytes(g.init).byte(0x0b);
            });
        }
        section(7, (b) => {
            b.u32(this.exports.length);
            for (const e of this.exports)
                b.name(e.name).byte(0x00).u32(e.index);
        });
        section(10, (b) => {
            b.u32(this.functions.length);
            for (const f of this.functions)
                b.sized(f.fb.encodeBody());
        });
        return out.view().slice();
    }
}
