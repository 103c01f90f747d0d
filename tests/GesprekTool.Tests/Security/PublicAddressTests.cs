namespace GesprekTool.Tests.Security;

/// <summary>
/// The addresses people keep: join links sent to families by SMS, pages workers bookmark, links in
/// the weekly mail. Every other test reaches pages through their <c>Url(...)</c> helpers; this one
/// spells the addresses out, so changing one is a visible decision (old links would break).
/// </summary>
public sealed class PublicAddressTests
{
    [Fact]
    public void The_addresses_people_keep_stay_as_they_are()
    {
        Assert.Equal("/j/abc", JoinLinks.RelativeJoinUrl("abc"));
        Assert.Equal("/aanmelden", SignInPage.Url());
        Assert.Equal("/gezinnen", Caseload.Url());
        Assert.Equal("/gezinnen/7", HouseholdDetail.Url(7));
        Assert.Equal("/gesprekken/12", ConversationPage.Url(12));
        Assert.Equal("/gesprekken/12?deel=school", ConversationPage.Url(12, "school"));
        Assert.Equal("/gesprekken/12/video", CallPage.Url(12));
        Assert.Equal("/gesprekken/12/afronden", WrapUp.Url(12));
        Assert.Equal("/weekoverzicht", WeeklyReportsPage.Url());
        Assert.Equal("/account", AccountPage.Url());
    }
}
