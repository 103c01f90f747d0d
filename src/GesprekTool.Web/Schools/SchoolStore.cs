using Dapper;
using GesprekTool.Data;

namespace GesprekTool.Schools;

public sealed class School
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public bool IsActive { get; init; }
}

/// <summary>The schools a household's children can attend; the school question chooses from these.</summary>
public sealed class SchoolStore(Database database)
{
    public async Task<IReadOnlyList<School>> ListAsync(bool includeInactive = false)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<School>(
            "SELECT id, name, is_active FROM schools WHERE (@includeInactive = TRUE OR is_active = TRUE) ORDER BY name",
            new { includeInactive })).ToList();
    }

    public async Task<long> AddAsync(string name)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("INSERT INTO schools (name) VALUES (@name) RETURNING id", new { name = name.Trim() });
    }
}
