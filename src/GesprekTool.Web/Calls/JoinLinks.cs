using GesprekTool.Accounts;
using GesprekTool.Audit;
using Microsoft.Extensions.Options;

namespace GesprekTool.Calls;

/// <summary>One invitation text of a new link, in one language (Arabic is shown right to left).</summary>
public sealed record Invitation(string Language, string Code, bool RightToLeft, string Text);

/// <summary>A join link just made: shown once on the worker's page (the database keeps only the token's hash).</summary>
public sealed record NewJoinLink(long Id, string Role, string Url, DateTimeOffset ExpiresAt, string QrCode, IReadOnlyList<Invitation> Invitations,
    DateTimeOffset? PlannedAt = null)
{
    public string Title => Role == GuestRoles.Interpreter ? "Link voor de tolk" : "Link voor het gezin";
}

/// <summary>
/// Making, revoking and sharing the join links of a running call, for the worker's call page. The
/// caller has checked that the user may see the call (<see cref="CallStore.FindActiveAsync"/>).
/// </summary>
public sealed class JoinLinks(CallStore calls, CallRoomNotifier notifier, AuditLog audit, IOptionsMonitor<CallOptions> options, TimeProvider clock,
    Households.HouseholdStore households, Mail.MailSender mail)
{
    /// <summary>
    /// Mails a household link just made to the household's address, in their language, with the
    /// planned time as a calendar event. The audit row names the link, never the address. The answer
    /// is what the worker's page says (Dutch).
    /// </summary>
    public async Task<string> MailAsync(Call call, CurrentUser user, NewJoinLink link)
    {
        if (link.Role != GuestRoles.Household)
        {
            return "Alleen de link voor het gezin kan per e-mail naar het gezin.";
        }
        if (await households.EmailOfAsync(call.HouseholdId) is not { Length: > 0 } address)
        {
            return "Er staat geen e-mailadres bij dit gezin. Vul het in bij de gegevens van het gezin, of kopieer de uitnodiging.";
        }
        var settings = options.CurrentValue;
        var message = InvitationMail.Build(address, link.Invitations, link.Url, link.PlannedAt, settings.OrganisationName, clock.GetUtcNow(),
            new Uri(settings.PublicBaseUrl!).Host);
        var result = await mail.SendAsync(message);
        await audit.WriteAsync(user, "call.link_sent", "call", call.Id, $"link {link.Id}: per e-mail, {result.Outcome switch
        {
            Mail.MailOutcome.Sent => "verstuurd",
            Mail.MailOutcome.Refused => "geweigerd door de mailserver",
            _ => "mailserver niet bereikbaar",
        }}");
        return result.Outcome switch
        {
            Mail.MailOutcome.Sent when mail.WritesToFolder => "De uitnodiging is gemaakt als e-mail (demo: bewaard in data/mail, niet verstuurd).",
            Mail.MailOutcome.Sent => "De uitnodiging is per e-mail verstuurd.",
            Mail.MailOutcome.Refused => $"De mailserver weigerde het adres van het gezin ({result.Answer}). Controleer het adres, of kopieer de uitnodiging.",
            _ => "De mailserver is nu niet bereikbaar. Probeer het zo opnieuw, of kopieer de uitnodiging.",
        };
    }

    /// <summary>A new link for a role, or a Dutch reason why not (an unknown role, a planned time that makes no sense).</summary>
    public async Task<(NewJoinLink? Link, string? Problem)> CreateAsync(Call call, CurrentUser user, string role, string? plannedAtText)
    {
        if (!GuestRoles.IsKnown(role))
        {
            return (null, "Onbekende rol voor een link.");
        }
        var settings = options.CurrentValue;
        var lifetime = TimeSpan.FromHours(settings.LinkLifetimeHours);
        var (plannedAt, plannedError) = PlannedTime.Parse(plannedAtText, clock.GetUtcNow(), lifetime);
        if (plannedError is not null)
        {
            return (null, plannedError);
        }
        var token = JoinToken.Create();
        var link = await calls.CreateLinkAsync(call.Id, role, JoinToken.HashOf(token), user, lifetime);
        await audit.WriteAsync(user, "call.link_created", "call", call.Id, role);

        var url = JoinUrl(settings, token);
        var invitations = Invitations(role, url, GuestTexts.Find(call.HomeLanguage), FirstNameOf(user.DisplayName), settings.OrganisationName, plannedAt).ToList();
        return (new NewJoinLink(link.Id, role, url, link.ExpiresAt, Components.Shared.QrCode.DataUri(url), invitations, plannedAt), null);
    }

    /// <summary>Revokes a link of this call: whoever uses it is out of the call at once, on every instance.</summary>
    public async Task<bool> RevokeAsync(Call call, CurrentUser user, long linkId)
    {
        if (!await calls.RevokeLinkAsync(call.Id, linkId))
        {
            return false;
        }
        await audit.WriteAsync(user, "call.link_revoked", "call", call.Id, $"link {linkId}");
        await notifier.LinkRevokedAsync(call.Id, linkId);
        return true;
    }

    /// <summary>The worker copied a link or showed its QR code: the closest we get to "link sent".</summary>
    public Task MarkSharedAsync(Call call, CurrentUser user, long linkId, bool byQrCode) =>
        audit.WriteAsync(user, "call.link_sent", "call", call.Id, $"link {linkId}: {(byQrCode ? "QR-code getoond" : "link gekopieerd")}");

    /// <summary>From configuration only: a Host header sent by someone else must never end up in a family's link.</summary>
    public static string JoinUrl(CallOptions options, string token) => options.PublicBaseUrl!.TrimEnd('/') + RelativeJoinUrl(token);

    /// <summary>A join link without the public base address (tests and the route table use it).</summary>
    public static string RelativeJoinUrl(string token) => $"/j/{token}";

    /// <summary>"Sanne" from "Sanne de Vries": a family knows their worker by first name.</summary>
    public static string FirstNameOf(string displayName) => displayName.Trim().Split(' ', 2)[0];

    private static IEnumerable<Invitation> Invitations(string role, string url, GuestTexts? household, string workerFirstName, string organisation, DateTimeOffset? plannedAt)
    {
        if (role == GuestRoles.Interpreter)
        {
            yield return new Invitation("Nederlands", "nl", false,
                $"U bent gevraagd als tolk bij een videogesprek van {workerFirstName} ({organisation}).{GuestTexts.Dutch.PlannedSentence(plannedAt)} Open deze link: {url} — U komt eerst in de wachtkamer; de hulpverlener laat u binnen. Het gesprek wordt niet opgenomen.");
            yield break;
        }
        yield return new Invitation("Nederlands", "nl", false, GuestTexts.Dutch.InvitationWith(url, workerFirstName, organisation, plannedAt));
        if (household is not null && household.Code != "nl")
        {
            yield return new Invitation(household.LanguageName, household.Code, household.RightToLeft, household.InvitationWith(url, workerFirstName, organisation, plannedAt));
        }
    }
}
