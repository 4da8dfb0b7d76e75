/**
 * Runs every example once as plain JavaScript and once with parfor, checks the results and
 * prints a table; then shows the two race examples and their fixes. Exits non-zero if any check
 * fails. `npm run demo`.
 */
import "./warnings.js";
