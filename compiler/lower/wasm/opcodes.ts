/** WebAssembly opcodes parfor emits, by their text-format names. */
export const Op = {
  i32_load: 0x28, i64_load: 0x29, f32_load: 0x2a, f64_load: 0x2b,
  i32_load8_s: 0x2c, i32_load8_u: 0x2d, i32_load16_s: 0x2e, i32_load16_u: 0x2f,
  i32_store: 0x36, i64_store: 0x37, f32_store: 0x38, f64_store: 0x39, i32_store8: 0x3a, i32_store16: 0x3b,
  i32_eqz: 0x45, i32_eq: 0x46, i32_ne: 0x47, i32_lt_s: 0x48, i32_lt_u: 0x49, i32_gt_s: 0x4a, i32_gt_u: 0x4b,
  i32_le_s: 0x4c, i32_le_u: 0x4d, i32_ge_s: 0x4e, i32_ge_u: 0x4f,
  i64_eqz: 0x50, i64_eq: 0x51, i64_ne: 0x52, i64_lt_s: 0x53, i64_lt_u: 0x54, i64_gt_s: 0x55, i64_gt_u: 0x56,
  i64_le_s: 0x57, i64_le_u: 0x58, i64_ge_s: 0x59, i64_ge_u: 0x5a,
  f64_eq: 0x61, f64_ne: 0x62, f64_lt: 0x63, f64_gt: 0x64, f64_le: 0x65, f64_ge: 0x66,
  i32_clz: 0x67, i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c, i32_div_s: 0x6d, i32_div_u: 0x6e, i32_rem_s: 0x6f,
  i32_and: 0x71, i32_or: 0x72, i32_xor: 0x73, i32_shl: 0x74, i32_shr_s: 0x75, i32_shr_u: 0x76,
  i64_add: 0x7c, i64_sub: 0x7d, i64_mul: 0x7e, i64_div_s: 0x7f, i64_div_u: 0x80, i64_rem_s: 0x81, i64_and: 0x83, i64_or: 0x84, i64_xor: 0x85, i64_shl: 0x86, i64_shr_s: 0x87, i64_shr_u: 0x88,
  f64_abs: 0x99, f64_neg: 0x9a, f64_ceil: 0x9b, f64_floor: 0x9c, f64_trunc: 0x9d, f64_nearest: 0x9e, f64_sqrt: 0x9f,
  f64_add: 0xa0, f64_sub: 0xa1, f64_mul: 0xa2, f64_div: 0xa3, f64_min: 0xa4, f64_max: 0xa5, f64_copysign: 0xa6,
  i32_wrap_i64: 0xa7, i64_extend_i32_s: 0xac, i64_extend_i32_u: 0xad,
  f32_demote_f64: 0xb6, f64_convert_i32_s: 0xb7, f64_convert_i32_u: 0xb8, f64_convert_i64_s: 0xb9, f64_promote_f32: 0xbb, i64_reinterpret_f64: 0xbd,
  i32_extend8_s: 0xc0, i32_extend16_s: 0xc1,
} as const;

/**
 * 0xFE-prefixed atomic memory instructions (checked mode's shadow state, and `Atomics` in kernels).
 * Each read-modify-write has seven forms from its i32 opcode: i32, i64, i32 8_u, i32 16_u, ...
 */
export const OpFE = {
  i32_atomic_load: 0x10, i64_atomic_load: 0x11, i32_atomic_load8_u: 0x12, i32_atomic_load16_u: 0x13,
  i32_atomic_store: 0x17, i32_atomic_store8: 0x19, i32_atomic_store16: 0x1a,
  i32_atomic_rmw_add: 0x1e, i32_atomic_rmw_sub: 0x25, i32_atomic_rmw_and: 0x2c, i32_atomic_rmw_or: 0x33, i32_atomic_rmw_xor: 0x3a,
  i32_atomic_rmw_xchg: 0x41, i64_atomic_rmw_xchg: 0x42, i32_atomic_rmw_cmpxchg: 0x48, i64_atomic_rmw_cmpxchg: 0x49,
} as const;

/** From an i32 read-modify-write opcode to its 8- and 16-bit zero-extending forms. */
export const RMW8_U = 2;
export const RMW16_U = 3;

/** 0xFC-prefixed saturating truncations. */
export const OpFC = {
  i32_trunc_sat_f64_s: 2, i32_trunc_sat_f64_u: 3, i64_trunc_sat_f64_s: 6, i64_trunc_sat_f64_u: 7,
  /** memory.fill (followed by the memory index byte 0) */
  memory_fill: 11,
} as const;
