/**
 * Array element access. Every access is bounds-checked: an index that is not an integer in
 * [0, length) calls env.oob, which throws a RangeError naming the array, the index and the
 * source line, so no kernel touches memory outside its arrays.
 *
 *   int32 index:  (local.tee $i idx) (local.get $len) i32.ge_u  if  call $oob  unreachable  end
 *   f64 index:    $u = i32.trunc_sat_f64_s(x);  f64(u) != x  or  u >= len (unsigned)  ->  oob
 *                 (signed: V8 emits one cvttsd2si where the unsigned form costs a rounding and
 *                 two branches; an array of 2-byte or wider elements in a 4 GiB memory has
 *                 fewer than 2^31 elements. Byte arrays keep the unsigned form.)
 *   address:      base + (i << log2(element size))
 */
import type { ArrayKind } from "../artifact.js";
import type { ElemRef } from "../model/ir.js";
import { AccessMode } from "./checked.js";
import { type Operand } from "./expr.js";
import type { FnLowerer } from "./fn.js";
export declare const SHIFT: Record<ArrayKind, number>;
export { AccessMode } from "./checked.js";
/** Pushes the byte address of `ref`'s element after checking its index. */
export declare function emitAddress(L: FnLowerer, ref: ElemRef, mode?: AccessMode): void;
/** Loads `ref`'s element (its address already on the stack when `atAddress`). */
export declare function emitLoad(L: FnLowerer, ref: ElemRef, atAddress?: boolean): void;
/** Stores `value` at the address in local `addr`, converting as a typed-array store does in JavaScript. */
export declare function emitStoreValue(L: FnLowerer, ref: ElemRef, addr: number, value: Operand): void;
