using Dapper;
using GesprekTool.Accounts;

namespace GesprekTool.Households;

/// <summary>
/// Which households a user may reach, as one SQL condition on the alias <c>h</c> (households):
/// coordinators and admins all of them, a worker only those assigned to them. Every query that
/// reads or changes family data by id goes through this, so the rule is written once.
/// </summary>
public static class CaseloadFilter
{
    public const string Sql = "(@seesAll = TRUE OR h.assigned_worker_id = @userId)";

    /// <summary>The filter's parameters for this user, plus the query's own.</summary>
    public static DynamicParameters For(CurrentUser user, object? queryParameters = null)
    {
        var parameters = new DynamicParameters(queryParameters);
        parameters.Add("seesAll", user.SeesAllHouseholds);
        parameters.Add("userId", user.Id);
        return parameters;
    }
}
