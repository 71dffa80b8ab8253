using System.Text.Json;

namespace NbaLake.Storage.Iceberg;

/// <summary>The JSON forms (Iceberg spec, Appendix C) of a schema, a partition spec and a name mapping.</summary>
public static class IcebergSchemaJson
{
    /// <summary>The partition field id of an identity partition on <c>season</c> (Iceberg numbers partition fields from 1000).</summary>
    public const int PartitionFieldId = 1000;

    /// <summary>A schema: <c>{"type":"struct","schema-id":0,"fields":[{"id":1,"name":"game_id","required":true,"type":"int"}, …]}</c>.</summary>
    public static void WriteSchema(Utf8JsonWriter json, int schemaId, IReadOnlyList<IcebergField> fields)
    {
        json.WriteStartObject();
        json.WriteString("type", "struct");
        json.WriteNumber("schema-id", schemaId);
        json.WriteStartArray("fields");
        foreach (var field in fields)
        {
            json.WriteStartObject();
            json.WriteNumber("id", field.Id);
            json.WriteString("name", field.Name);
            json.WriteBoolean("required", field.Required);
            json.WriteString("type", field.Type);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The fields of the partition spec: one identity field on <paramref name="column"/>, or none (unpartitioned).</summary>
    public static void WriteSpecFields(Utf8JsonWriter json, IcebergField? column)
    {
        json.WriteStartArray();
        if (column is not null)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("transform", "identity");
            json.WriteNumber("source-id", column.Id);
            json.WriteNumber("field-id", PartitionFieldId);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// <c>schema.name-mapping.default</c>: each column name to its field id, for data files that carry no field ids (ours:
    /// readers find columns by it). Names of older schemas are kept while their fields differ from the newest's.
    /// </summary>
    public static string NameMapping(IEnumerable<IReadOnlyList<IcebergField>> olderToNewer)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in olderToNewer.SelectMany(s => s))
        {
            byName[field.Name] = field.Id;
        }
        return Text(json =>
        {
            json.WriteStartArray();
            foreach (var (name, id) in byName.OrderBy(m => m.Value))
            {
                json.WriteStartObject();
                json.WriteNumber("field-id", id);
                json.WriteStartArray("names");
                json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    /// <summary>Compact JSON text written by <paramref name="write"/>.</summary>
    public static string Text(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            write(json);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
