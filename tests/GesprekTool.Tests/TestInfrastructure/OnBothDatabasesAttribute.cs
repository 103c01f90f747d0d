using System.Reflection;
using GesprekTool.Data;
using Xunit.Sdk;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// Runs a theory once on SQLite and once on PostgreSQL (as Bitwarden's DatabaseDataAttribute does):
/// <c>[Theory, OnBothDatabases]</c> on a test that takes a <see cref="DatabaseEngine"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnBothDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[DatabaseEngine.Sqlite], [DatabaseEngine.Postgres]];
}
