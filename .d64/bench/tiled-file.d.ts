/**
 * A generated file of tiled kernels, the kind that used to make the static checker slow (issue
 * 13): tiled matrix products, transposes and stencils whose inner bounds are Math.min of a tile
 * end and n, many kernels per file, about one in three racy (a tile loop writing a row every
 * iteration of the prange shares, or a stencil updating its neighbour in place).
 */
/** About `lines` lines of kernels (templates in turn, tile sizes 8, 16, 32, 64). */
export declare function tiledFile(lines: number): {
    text: string;
    kernels: number;
};
