namespace GesprekTool.WeeklyReports;

/// <summary>One document of a week: the municipality report, a school's report, or the colleagues' newsletter.</summary>
public sealed record WeeklyDocument(string Kind, long? SchoolId, string Title, string FileName)
{
    public const string Municipality = "gemeente";
    public const string School = "school";
    public const string Newsletter = "nieuwsbrief";

    public static string KindDutch(string kind) => kind switch
    {
        Municipality => "Gemeente",
        School => "School",
        _ => "Nieuwsbrief collega's",
    };
}
