// Reads NbaLake tables as Apache Iceberg with icebird, an independent reader, for the tests
// (tests/NbaLake.Tests/Storage/IcebergTests.cs). icebird reads through fetch(); Node's fetch has no file:// scheme, so a
// small shim serves file:// URLs (with byte ranges) from disk and records every path it opened.
//
//   node read.mjs rows <table URL> [metadata file name]...   one JSON line per table: snapshot, columns, rows (values as text), opened
//                                                            (or error, opened); several tables in one run save a Node.js start each
//   node read.mjs watch <table URL>...                       reads the tables over and over until stdin closes: one JSON line a read
//   node read.mjs avro <file>...                             one JSON line per Avro file: its records (decoded by avsc), problems, locations
import { readFile } from 'node:fs/promises'
import { icebergMetadata, icebergRead } from 'icebird'
import avro from 'avsc'

const opened = new Set()

globalThis.fetch = async (url, init) => {
  if (!String(url).startsWith('file://')) throw new Error(`not a file:// URL: ${url}`)
  const path = decodeURIComponent(new URL(url).pathname)
  opened.add(path)
  // A missing file fails the fetch (as a network error would): icebird reads some responses without checking their status.
  const bytes = await readFile(path)
  const range = new Headers(init?.headers).get('Range')
  if (range) {
    const [, start, end] = /bytes=(\d+)-(\d*)/.exec(range)
    const slice = bytes.subarray(Number(start), end === '' ? bytes.length : Number(end) + 1)
    return new Response(slice, { status: 206 })
  }
  return new Response(bytes, { status: 200 })
}

/** A value as text: null stays null; numbers as JavaScript prints them, dates and timestamps as ISO 8601 in UTC. */
function text(value) {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  return String(value)
}

/** Reads a table's current snapshot, or the one a metadata file names: the snapshot id, the columns and the rows. */
async function read(tableUrl, metadataFileName) {
  const metadata = await icebergMetadata({ tableUrl, metadataFileName })
  const schema = metadata.schemas.find(s => s['schema-id'] === metadata['current-schema-id'])
  const columns = schema.fields.map(f => f.name)
  const rows = await icebergRead({ tableUrl, metadata })
  return { snapshot: metadata['current-snapshot-id'], columns, rows: rows.map(r => columns.map(c => text(r[c]))) }
}

/** Whether every field of an Avro schema carries an Iceberg id: field-id on record fields, element-id on arrays, key-id and value-id on maps. */
function missingIds(type, where, problems) {
  if (Array.isArray(type)) return type.forEach(t => missingIds(t, where, problems))
  if (typeof type !== 'object' || type === null) return
  if (type.type === 'record') {
    for (const field of type.fields) {
      if (typeof field['field-id'] !== 'number') problems.push(`${where}.${field.name} has no field-id`)
      missingIds(field.type, `${where}.${field.name}`, problems)
    }
  } else if (type.type === 'array') {
    if (typeof type['element-id'] !== 'number') problems.push(`${where}[] has no element-id`)
    missingIds(type.items, `${where}[]`, problems)
  } else if (type.type === 'map') {
    if (typeof type['key-id'] !== 'number' || typeof type['value-id'] !== 'number') problems.push(`${where}{} has no key-id or value-id`)
    missingIds(type.values, `${where}{}`, problems)
  }
}

async function checkAvro(file) {
  return new Promise(resolve => {
    const problems = []
    const locations = []
    let records = 0
    let header
    avro.createFileDecoder(file)
      .on('metadata', (type, codec, h) => {
        header = h
        const schema = JSON.parse(h.meta['avro.schema'].toString())
        missingIds(schema, schema.name, problems)
        if (!['null', 'deflate'].includes(codec)) problems.push(`codec ${codec}`)
      })
      .on('data', record => {
        records++
        const location = record.manifest_path ?? record.data_file?.file_path
        if (location) locations.push(location)
      })
      .on('error', e => resolve({ file, records, problems: [...problems, e.message] }))
      .on('end', () => resolve({ file, records, problems, keys: Object.keys(header?.meta ?? {}), locations }))
  })
}

const [command, ...args] = process.argv.slice(2)
if (command === 'rows') {
  // Each table URL (file://…) may be followed by the metadata file to read it at. The tables are read one after the
  // other, each with the paths it alone opened: icebird keeps nothing from one read to the next.
  const reads = []
  for (const arg of args) {
    if (arg.startsWith('file://')) reads.push({ tableUrl: arg })
    else reads[reads.length - 1].metadataFileName = arg
  }
  for (const { tableUrl, metadataFileName } of reads) {
    opened.clear()
    try {
      const result = await read(tableUrl, metadataFileName)
      process.stdout.write(JSON.stringify({ ...result, opened: [...opened].sort() }) + '\n')
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: e.message, opened: [...opened].sort() }) + '\n')
      process.exitCode = 1
    }
  }
} else if (command === 'watch') {
  let open = true
  process.stdin.on('end', () => { open = false }).resume()
  while (open) {
    for (const table of args) {
      try {
        const { snapshot, rows } = await read(table)
        process.stdout.write(JSON.stringify({ table, snapshot, rows: rows.length }) + '\n')
      } catch (e) {
        process.stdout.write(JSON.stringify({ table, error: e.message }) + '\n')
      }
    }
  }
} else if (command === 'avro') {
  for (const file of args) process.stdout.write(JSON.stringify(await checkAvro(file)) + '\n')
} else {
  process.stderr.write('usage: node read.mjs rows|watch|avro …\n')
  process.exit(2)
}
