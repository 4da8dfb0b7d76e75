// What a user writes: parfor's plugin (serving the page with COOP/COEP is the server's part).
import { vite as parfor } from "parfor/bundler";

export default { plugins: [parfor()], build: { target: "es2022" }, logLevel: "warn" };
