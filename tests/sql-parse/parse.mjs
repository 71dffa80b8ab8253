// The syntax half of the portability check of sql/README.md: parses SQL files with dt-sql-parser's Spark SQL and
// Trino grammars (ANTLR grammars written apart from DuckDB, Spark and Trino themselves). The other half, the
// function allow-list, is in tests/NbaLake.Tests/Portability/PortableSqlTests.cs.
//
// Usage: node tests/sql-parse/parse.mjs [--json] FILE_OR_FOLDER...   (a folder: every *.sql file below it)
// Parameters written ${name} are replaced by an example literal first, as the test support does before DuckDB
// runs a file; the replacement keeps line numbers (columns after it shift).
// Prints one line per syntax error, `file:line:column: dialect: message` (with --json, one JSON object per line:
// file, dialect, line, column, message), then a summary on stderr. Exit code 1 when any file has an error, 2 on a
// usage error, else 0. Needs `npm ci` in this folder first (scripts/test runs it).
import { register } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

register('./resolve-hook.mjs', import.meta.url);
const { SparkSQL, TrinoSQL } = await import('dt-sql-parser');

/** The parameters the SQL files use, each with an example value of its type (sql/README.md, Parameters). */
const parameters = {
  stretch_games: '90',
  streak_threshold: '10',
  streak_player: "'LeBron James'",
};

const dialects = [
  ['spark', new SparkSQL()],
  ['trino', new TrinoSQL()],
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const paths = args.filter(a => a !== '--json');
if (paths.length === 0) {
  console.error('usage: node tests/sql-parse/parse.mjs [--json] FILE_OR_FOLDER...');
  process.exit(2);
}

const files = paths.flatMap(sqlFiles);
const errors = files.flatMap(check);
for (const e of errors) {
  console.log(json ? JSON.stringify(e) : `${e.file}:${e.line}:${e.column}: ${e.dialect}: ${e.message}`);
}
console.error(`${files.length} file(s) parsed as ${dialects.map(([name]) => name).join(' and ')}: ${errors.length} error(s)`);
process.exit(errors.length === 0 ? 0 : 1);

function sqlFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap(name => {
    const child = join(path, name);
    return statSync(child).isDirectory() ? sqlFiles(child) : name.endsWith('.sql') ? [child] : [];
  });
}

function check(path) {
  const inside = relative(process.cwd(), path);
  const file = inside === '' || inside.startsWith('..') ? path : inside;
  const text = readFileSync(path, 'utf8');
  const unknown = [...text.matchAll(/\$\{(\w*)\}/g)].filter(m => !(m[1] in parameters));
  if (unknown.length > 0) {
    return unknown.map(m => ({ file, dialect: 'parameters', ...position(text, m.index), message: `unknown parameter ${m[0]}` }));
  }
  const sql = text.replace(/\$\{(\w+)\}/g, (_, name) => parameters[name]);
  return dialects.flatMap(([dialect, parser]) => quietly(() => parser.validate(sql)).map(e => ({
    file, dialect, line: e.startLine, column: e.startColumn, message: e.message,
  })));
}

function position(text, index) {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

// The parsers' statement splitter also prints ANTLR's raw messages on the console; validate() returns the same
// errors, better worded, so the console copy is dropped.
function quietly(action) {
  const error = console.error;
  console.error = () => {};
  try {
    return action();
  } finally {
    console.error = error;
  }
}
