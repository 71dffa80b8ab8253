namespace NbaLake.Generate;

/// <summary>Name parts for generated players, chosen to exercise the CSV and text rules: apostrophes, non-ASCII letters, suffixes with commas.</summary>
internal static class PlayerNames
{
    public static readonly string[] First =
    [
        "Aaron", "Bam", "Cade", "D'Angelo", "De'Aaron", "Élie", "Frank", "Goran", "Hassan", "Ish", "Jalen", "Kemba", "Luka", "Marcus",
        "Nikola", "Og", "Pascal", "Quentin", "Rudy", "Shai", "Tyrese", "Udonis", "Víctor", "Wendell", "Xavier", "Yuta", "Zion", "Dāvis",
        "Bogdan", "Kristaps", "Jusuf", "Théo", "Dennis", "Royce", "Kyle", "Malik",
    ];

    public static readonly string[] Last =
    [
        "Adams", "Bertāns", "Cunningham", "Dončić", "Embiid", "Fox", "Gobert", "Harris", "Ingles", "Jokić", "Kanter", "Lowry", "Mitchell",
        "Nurkić", "O'Neale", "Porziņģis", "Queta", "Russell", "Schröder", "Thompson", "Ünal", "Valančiūnas", "Walker", "Young", "Zubac",
        "Bogdanović", "Nowitzki", "Gilgeous-Alexander", "Haliburton", "Šarić", "Maledon", "O'Quinn",
    ];

    /// <summary>Suffixes; the comma forms make the field need quoting in CSV.</summary>
    public static readonly string[] Suffix = ["", "", "", "", "", "", "", "", " Jr.", ", Jr.", " III", ", Sr."];
}
