import { FunctionBuilder } from "./wasm/encoder.js";
import { Op, OpFC } from "./wasm/opcodes.js";
import { AccessMode, emitScalarShadow } from "./checked.js";
/** wasm type of a JavaScript type's representation. */
export function wasmType(t) {
    return t.k === "f64" ? 124 /* ValType.f64 */ : t.k === "i64" ? 126 /* ValType.i64 */ : 127 /* ValType.i32 */;
}
/** Load opcode and alignment of a value of wasm type `t` (8-byte slots hold every kind). */
export function loadOf(t) {
    return t === 124 /* ValType.f64 */ ? [Op.f64_load, { align: 3, offset: 0 }] : t === 126 /* ValType.i64 */ ? [Op.i64_load, { align: 3, offset: 0 }] : [Op.i32_load, { align: 2, offset: 0 }];
}
export function storeOf(t) {
    return t === 124 /* ValType.f64 */ ? [Op.f64_store, { align: 3, offset: 0 }] : t === 126 /* ValType.i64 */ ? [Op.i64_store, { align: 3, offset: 0 }] : [Op.i32_store, { align: 2, offset: 0 }];
}
export class FnLowerer {
    m;
    fb;
    locals = new Map();
    /** shared (racy) scalars accessed in the frame: offset */
    memVars = new Map();
    /** flag reductions: local set to 1 when the flag is written */
    flagHits = new Map();
    arrays = new Map();
    /** access sites whose bounds the enclosing code has already checked (see hoist.ts) */
    proven = new Set();
    /** checked mode, inside a prange's loop function: the prange index whose value names the iteration */
    checkIndex = null;
    /**
     * checked mode, inside a prange's loop function: locals holding `epoch << 48` (loaded once per
     * chunk), this iteration's word `epoch << 48 | (ordinal + 1) << 16` (set at the top of each
     * iteration), and each checked array's shadow block (from the table, once per chunk)
     */
    check = null;
    labels = [];
    freeTemps = new Map();
    /** local index of the frame address (parameter 0 of every function) */
    frameLocal = 0;
    constructor(m, name, params, results) {
        this.m = m;
        this.fb = new FunctionBuilder(name, params, results);
    }
    /**
     * Loads every array parameter's address and length from the frame into locals, and (in the
     * functions every thread runs) those of the kernel's own arrays that loops use.
     */
    loadArrays(locals = true) {
        const load = (v, offset, lengthOffset) => {
            const base = this.fb.local(127 /* ValType.i32 */);
            const len = this.fb.local(127 /* ValType.i32 */);
            this.fb.localGet(this.frameLocal).mem(Op.i32_load, { align: 2, offset }).localSet(base);
            this.fb.localGet(this.frameLocal).mem(Op.i32_load, { align: 2, offset: lengthOffset }).localSet(len);
            this.arrays.set(v, { base, len });
        };
        for (const p of this.m.frame.params) {
            if (p.kind !== "array")
                continue;
            load(this.m.kernel.params.find((x) => x.name === p.name), p.offset, p.lengthOffset);
        }
        if (locals)
            for (const [v, off] of this.m.frame.arraySlots)
                load(v, off, off + 4);
    }
    /** The base and length locals of a kernel's own array variable (made on first use). */
    arrayLocals(v) {
        let a = this.arrays.get(v);
        if (a === undefined) {
            a = { base: this.fb.local(127 /* ValType.i32 */), len: this.fb.local(127 /* ValType.i32 */) };
            this.arrays.set(v, a);
        }
        return a;
    }
    /** The local holding `v` (made on first use). */
    local(v) {
        let l = this.locals.get(v);
        if (l === undefined) {
            l = this.fb.local(wasmType(v.ty));
            this.locals.set(v, l);
        }
        return l;
    }
    temp(t) {
        const free = this.freeTemps.get(t);
        return free && free.length ? free.pop() : this.fb.local(t);
    }
    release(t, l) {
        let free = this.freeTemps.get(t);
        if (!free)
            this.freeTemps.set(t, (free = []));
        free.push(l);
    }
    /** Pushes the value of scalar `v` (its own representation); `at`: the access, for checked mode. */
    getVar(v, at) {
        const off = this.memVars.get(v);
        if (off !== undefined && at !== undefined && this.check !== null)
            emitScalarShadow(this, v, AccessMode.Read, at);
        if (off !== undefined)
            this.loadSlot(wasmType(v.ty), off);
        else
            this.fb.localGet(this.local(v));
    }
    /** Stores the value on top of the stack (in `v`'s representation) into `v`; keeps a copy if `keep`. */
    setVar(v, keep, at) {
        const hit = this.flagHits.get(v);
        if (hit !== undefined)
            this.fb.i32Const(1).localSet(hit);
        const off = this.memVars.get(v);
        if (off === undefined) {
            if (keep)
                this.fb.localTee(this.local(v));
            else
                this.fb.localSet(this.local(v));
            return;
        }
        const t = wasmType(v.ty);
        const tmp = this.temp(t);
        this.fb.localSet(tmp);
        if (at !== undefined && this.check !== null)
            emitScalarShadow(this, v, AccessMode.Write, at);
        this.fb.localGet(this.frameLocal).localGet(tmp);
        const [op, m] = storeOf(t);
        this.fb.mem(op, { ...m, offset: off });
        if (keep)
            this.fb.localGet(tmp);
        this.release(t, tmp);
    }
    /** Pushes the frame slot at `off` as a value of wasm type `t`. */
    loadSlot(t, off) {
        const [op, m] = loadOf(t);
        this.fb.localGet(this.frameLocal).mem(op, { ...m, offset: off });
    }
    /** Stores the value of wasm type `t` that `push` pushes into the frame slot at `off`. */
    storeSlot(t, off, push) {
        this.fb.localGet(this.frameLocal);
        push();
        const [op, m] = storeOf(t);
        this.fb.mem(op, { ...m, offset: off });
    }
    /** Converts the value on the stack from type `from` to the wanted representation. */
    convert(from, want) {
        const fb = this.fb;
        switch (want) {
            case "f64":
                if (from.k === "i32")
                    fb.op(Op.f64_convert_i32_s);
                else if (from.k === "i64")
                    fb.op(Op.f64_convert_i64_s);
                else if (from.k === "bool")
                    fb.op(Op.f64_convert_i32_u);
                return;
            case "i32":
                if (from.k === "f64" || from.k === "i64")
                    throw new Error(`internal: ${from.k} value where an exact i32 was proven`);
                return;
            case "i64":
                if (from.k === "i32")
                    fb.op(Op.i64_extend_i32_s);
                else if (from.k === "bool")
                    fb.op(Op.i64_extend_i32_u);
                else if (from.k === "f64")
                    throw new Error("internal: f64 value where an exact integer was proven");
                return;
            case "int32":
                // ToInt32 of an exact integer is its low 32 bits; of a double below 2^63 in magnitude the
                // low 32 bits of its truncation, inline (the helper's call costs more than the work);
                // larger doubles, infinities and NaN take the helper
                if (from.k === "f64") {
                    const x = this.temp(124 /* ValType.f64 */);
                    fb.localTee(x).op(Op.f64_abs).f64Const(2 ** 63).op(Op.f64_lt);
                    fb.if_(127 /* ValType.i32 */).localGet(x).opFC(OpFC.i64_trunc_sat_f64_s).op(Op.i32_wrap_i64);
                    fb.else_().localGet(x).call(this.m.helpers.toInt32).end();
                    this.release(124 /* ValType.f64 */, x);
                }
                else if (from.k === "i64")
                    fb.op(Op.i32_wrap_i64);
                return;
            case "bool":
                if (from.k === "i32")
                    fb.i32Const(0).op(Op.i32_ne);
                else if (from.k === "i64")
                    fb.op(Op.i64_eqz).op(Op.i32_eqz);
                else if (from.k === "f64")
                    fb.op(Op.f64_abs).f64Const(0).op(Op.f64_gt);
                return;
        }
    }
    /** Converts the stack value of type `from` to the representation of type `to` (a widening). */
    convertTo(from, to) {
        if (to.k === "f64")
            this.convert(from, "f64");
        else if (to.k === "bool")
            this.convert(from, "bool");
        else if (to.k === "i64")
            this.convert(from, "i64");
        else if (from.k === "f64" || from.k === "i64")
            throw new Error(`internal: narrowing ${from.k} to i32`);
    }
    /** Pushes the representation of a constant of type `t`. */
    constOf(t, value) {
        if (t.k === "f64")
            this.fb.f64Const(value);
        else if (t.k === "i64")
            this.fb.i64Const(BigInt(value));
        else
            this.fb.i32Const(value);
    }
    /** Bytes of math library code inlined into this function so far (see math.ts). */
    inlinedBytes = 0;
    /** Whether code emitted now runs inside a loop (a prange body or a serial loop). */
    inLoop() {
        return this.labels.some((l) => l.kind === "break");
    }
    pushLabel(stmt, kind) {
        this.labels.push({ stmt, kind });
    }
    popLabel() {
        this.labels.pop();
    }
    /** Branch depth of the block that `break`/`continue` of `stmt` targets. */
    depthOf(stmt, kind) {
        for (let i = this.labels.length - 1; i >= 0; i--) {
            const l = this.labels[i];
            if (l.stmt === stmt && l.kind === kind)
                return this.labels.length - 1 - i;
        }
        throw new Error(`internal: no ${kind} label for loop`);
    }
}
