/** A position in an original source file; 1-based. */
export interface Original {
    readonly file: string;
    readonly line: number;
    readonly column: number;
}
/** Maps a 1-based generated position to the original one (null: not mapped). */
export type Mapper = (line: number, column: number) => Original | null;
/** `rel` resolved against the folder `dir` (a path; `..` and `.` folded). */
export declare function joinPath(dir: string, rel: string): string;
/** The mapper of `file` (whose text is `content`) from its source map, or null when it has none. */
export declare function sourceMapper(file: string, content: string): Mapper | null;
