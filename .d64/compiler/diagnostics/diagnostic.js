import { formatMessage, messages } from "./messages.js";
/** Collects diagnostics while a phase keeps going; exceptions are reserved for internal bugs. */
export class DiagnosticSink {
    locate;
    items = [];
    constructor(locate) {
        this.locate = locate;
    }
    span(start, end) {
        const { line, column } = this.locate(start);
        return { start, length: Math.max(0, end - start), line, column };
    }
    report(code, at, args = [], related = []) {
        const entry = messages[code];
        const d = Object.freeze({
            ...this.span(at.start, at.end),
            code,
            name: entry.name,
            category: entry.category,
            message: formatMessage(code, args),
            related: Object.freeze(related),
        });
        this.items.push(d);
        return d;
    }
    related(message, at) {
        return { ...this.span(at.start, at.end), message };
    }
    get hasErrors() {
        return this.items.some((d) => d.category === "error");
    }
}
