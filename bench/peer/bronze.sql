-- The DuckDB peer's collect step: landing CSVs to bronze Parquet, every field as text, with lineage columns.
-- Parameters: ${landing}, ${lake}, ${source} (games | game_details), ${file} (the CSV file name).
COPY (
    SELECT
        *,
        'duckdb' AS _batch_id,
        '${file}' AS _source_file,
        CAST(row_number() OVER () + 1 AS BIGINT) AS _source_line,
        now() AS _ingested_at
    FROM read_csv('${landing}/${file}', all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')
) TO '${lake}/bronze/${source}/part-0.parquet' (FORMAT parquet);
