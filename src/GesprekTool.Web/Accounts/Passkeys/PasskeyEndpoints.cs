using System.Buffers.Text;
using System.Text.Json;
using GesprekTool.Audit;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.Antiforgery;

namespace GesprekTool.Accounts.Passkeys;

/// <summary>
/// Passkeys (WebAuthn, through the Fido2 library): adding one to your account, signing in with one
/// instead of a password, and confirming a password sign-in with one as the second factor. User
/// verification (a PIN, fingerprint or face on the device) is always required, so a passkey alone
/// is two factors. The relying party is the app's public address (Calls:PublicBaseUrl): a page on
/// any other origin gets nothing.
/// </summary>
public static class PasskeyEndpoints
{
    public const string RegisterOptionsUrl = "/account/passkeys/opties";
    public const string RegisterUrl = "/account/passkeys";
    public const string SignInOptionsUrl = "/aanmelden/passkey/opties";
    public const string SignInUrl = "/aanmelden/passkey";
    public const string SecondFactorOptionsUrl = "/aanmelden/code/passkey/opties";
    public const string SecondFactorUrl = "/aanmelden/code/passkey";

    public sealed record Answer(string? Challenge, string? Name, JsonElement Credential, string? ReturnUrl);

    public static void MapPasskeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(RegisterOptionsUrl, RegisterOptionsAsync).RequireAuthorization(SessionStages.Enrolment);
        endpoints.MapPost(RegisterUrl, RegisterAsync).RequireAuthorization(SessionStages.Enrolment);
        endpoints.MapPost(SignInOptionsUrl, SignInOptionsAsync).AllowAnonymous();
        endpoints.MapPost(SignInUrl, SignInAsync).AllowAnonymous();
        endpoints.MapPost(SecondFactorOptionsUrl, SecondFactorOptionsAsync).RequireAuthorization(SessionStages.SecondFactor);
        endpoints.MapPost(SecondFactorUrl, SecondFactorAsync).RequireAuthorization(SessionStages.SecondFactor);
    }

    private static IResult Refused(string text, int status = StatusCodes.Status400BadRequest) => DutchProblem.Result(status, text);

    private static IResult Expired() => Refused("Uw sessie is verlopen. Laad de pagina opnieuw.");

    /// <summary>The relying party: the app's public address, never the request's Host header.</summary>
    private static Fido2 RelyingParty(IConfiguration configuration)
    {
        var publicUrl = new Uri(configuration["Calls:PublicBaseUrl"] ?? "http://localhost:5000");
        return new Fido2(new Fido2Configuration
        {
            RPID = publicUrl.Host,
            RPName = "GesprekTool",
            Origins = new HashSet<string> { publicUrl.GetLeftPart(UriPartial.Authority) },
            TimestampDriftTolerance = 300_000,
        });
    }

    private static async Task<IResult> RegisterOptionsAsync(HttpContext context, CurrentUser user, IAntiforgery antiforgery, PasskeyStore passkeys,
        IConfiguration configuration)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }
        var existing = await passkeys.ForUserAsync(user.Id);
        var options = RelyingParty(configuration).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = await passkeys.HandleOfAsync(user.Id), Name = user.UserName, DisplayName = user.DisplayName },
            ExcludeCredentials = existing.Select(p => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(p.CredentialId))).ToList(),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var challenge = await passkeys.SaveChallengeAsync("register", user.Id, options.ToJson());
        return Results.Json(new { challenge, options = JsonDocument.Parse(options.ToJson()).RootElement });
    }

    private static async Task<IResult> RegisterAsync(Answer answer, HttpContext context, CurrentUser user, IAntiforgery antiforgery, PasskeyStore passkeys,
        Sessions sessions, SignInService signIn, UserStore users, AuditLog audit, IConfiguration configuration)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }
        var name = answer.Name?.Trim() ?? "";
        if (name.Length is 0 or > 60 || name.Any(char.IsControl))
        {
            return Refused("Geef de passkey een naam van hooguit 60 tekens, bijvoorbeeld \"laptop kantoor\" of \"telefoon\".");
        }
        if (answer.Challenge is null || await passkeys.TakeChallengeAsync(answer.Challenge, "register", user.Id) is not { } optionsJson)
        {
            return Refused("Het toevoegen duurde te lang of is al gebruikt. Probeer het opnieuw.");
        }
        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await RelyingParty(configuration).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = answer.Credential.Deserialize<AuthenticatorAttestationRawResponse>()!,
                OriginalOptions = CredentialCreateOptions.FromJson(optionsJson),
                IsCredentialIdUniqueToUserCallback = async (args, _) => await passkeys.FindAsync(Base64Url.EncodeToString(args.CredentialId)) is null,
            });
        }
        catch (Exception e) when (e is Fido2VerificationException or JsonException or ArgumentException or InvalidOperationException)
        {
            await audit.WriteAsync(user, "passkey.refused", "user", user.Id, e.GetType().Name);
            return Refused("Deze passkey kon niet worden gecontroleerd. Probeer het opnieuw, of gebruik een ander apparaat.");
        }
        await passkeys.AddAsync(user.Id, Base64Url.EncodeToString(credential.Id), credential.PublicKey, credential.SignCount, name);
        await audit.WriteAsync(user, "passkey.added", "user", user.Id, name);
        // Setting up a required second factor: a passkey is one, and the sign-in is complete.
        if (Sessions.StageOf(context.User) == SessionStages.Enrolment)
        {
            await sessions.SetStageAsync(context, SessionStages.Full);
            await signIn.CompleteAsync((await users.FindAsync(user.Id))!);
        }
        return Results.Json(new { next = Next(answer.ReturnUrl, await users.RolesOfAsync(user.Id)) });
    }

    private static async Task<IResult> SignInOptionsAsync(PasskeyStore passkeys, IConfiguration configuration)
    {
        // No list of credentials: the device offers the passkeys it holds for this site.
        var options = RelyingParty(configuration).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [],
            UserVerification = UserVerificationRequirement.Required,
        });
        var challenge = await passkeys.SaveChallengeAsync("signin", null, options.ToJson());
        return Results.Json(new { challenge, options = JsonDocument.Parse(options.ToJson()).RootElement });
    }

    private static async Task<IResult> SignInAsync(Answer answer, HttpContext context, PasskeyStore passkeys, UserStore users, Sessions sessions,
        SignInService signIn, SignInThrottle throttle, AuditLog audit, IConfiguration configuration)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (!throttle.AddressMayTry(address))
        {
            return Refused("Te veel mislukte aanmeldpogingen vanaf dit netwerk. Wacht een minuut en probeer het dan opnieuw.", StatusCodes.Status429TooManyRequests);
        }
        var (user, refusal) = await VerifyAsync(answer, "signin", null, passkeys, users, audit, configuration);
        if (user is null)
        {
            throttle.AddressFailed(address);
            return Refused(refusal!);
        }
        await sessions.StartAsync(context, user.Id, user.SecurityStamp, SessionStages.Full);
        await signIn.CompleteAsync(user);
        await audit.WriteAsync(new CurrentUser(user.Id, user.UserName, user.DisplayName, new HashSet<string>()), "signin.passkey", "user", user.Id, null);
        return Results.Json(new { next = Next(answer.ReturnUrl, await users.RolesOfAsync(user.Id)) });
    }

    private static async Task<IResult> SecondFactorOptionsAsync(HttpContext context, CurrentUser user, IAntiforgery antiforgery, PasskeyStore passkeys,
        IConfiguration configuration)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }
        var options = RelyingParty(configuration).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = (await passkeys.ForUserAsync(user.Id)).Select(p => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(p.CredentialId))).ToList(),
            UserVerification = UserVerificationRequirement.Required,
        });
        var challenge = await passkeys.SaveChallengeAsync("second", user.Id, options.ToJson());
        return Results.Json(new { challenge, options = JsonDocument.Parse(options.ToJson()).RootElement });
    }

    private static async Task<IResult> SecondFactorAsync(Answer answer, HttpContext context, CurrentUser current, IAntiforgery antiforgery,
        PasskeyStore passkeys, UserStore users, Sessions sessions, SignInService signIn, AuditLog audit, IConfiguration configuration)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Expired();
        }
        var (user, refusal) = await VerifyAsync(answer, "second", current.Id, passkeys, users, audit, configuration);
        if (user is null || user.Id != current.Id)
        {
            if (await users.FindAsync(current.Id) is { } self)
            {
                await signIn.SecondCheckFailedAsync(self); // counts toward the lockout, as a wrong code does
            }
            return Refused(refusal ?? "Deze passkey hoort niet bij dit account.");
        }
        await sessions.SetStageAsync(context, SessionStages.Full);
        await signIn.CompleteAsync(user);
        return Results.Json(new { next = Next(answer.ReturnUrl, await users.RolesOfAsync(user.Id)) });
    }

    /// <summary>
    /// Checks a passkey's answer against the challenge it was given for (once), the stored public
    /// key and counter, user verification, the origin and the relying party; the user it belongs to,
    /// or why not (Dutch).
    /// </summary>
    private static async Task<(UserRow? User, string? Refusal)> VerifyAsync(Answer answer, string purpose, long? userId, PasskeyStore passkeys,
        UserStore users, AuditLog audit, IConfiguration configuration)
    {
        const string NotRecognised = "Deze passkey is niet (meer) bekend bij GesprekTool. Meld u aan met uw wachtwoord, of vraag de beheerder.";
        if (answer.Challenge is null || await passkeys.TakeChallengeAsync(answer.Challenge, purpose, userId) is not { } optionsJson)
        {
            return (null, "Aanmelden met de passkey duurde te lang of is al gebruikt. Probeer het opnieuw.");
        }
        AuthenticatorAssertionRawResponse response;
        try
        {
            response = answer.Credential.Deserialize<AuthenticatorAssertionRawResponse>()!;
        }
        catch (JsonException)
        {
            return (null, NotRecognised);
        }
        var passkey = await passkeys.FindAsync(Base64Url.EncodeToString(response.RawId));
        var user = passkey is null ? null : await users.FindAsync(passkey.UserId);
        if (passkey is null || user is null || !user.IsActive)
        {
            await audit.WriteAsync(null, "signin.passkey_unknown", null, null, null);
            return (null, NotRecognised);
        }
        if (user.LockedUntil > DateTimeOffset.UtcNow)
        {
            return (null, "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het over een kwartier opnieuw of vraag de beheerder.");
        }
        try
        {
            var handle = await passkeys.HandleOfAsync(user.Id);
            var result = await RelyingParty(configuration).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = Convert.FromBase64String(passkey.PublicKey),
                StoredSignatureCounter = (uint)passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(args.UserHandle.AsSpan().SequenceEqual(handle)),
            });
            if (!await passkeys.UsedAsync(passkey.Id, passkey.SignCount, result.SignCount))
            {
                throw new Fido2VerificationException("signature counter raced");
            }
            return (user, null);
        }
        catch (Exception e) when (e is Fido2VerificationException or ArgumentException or InvalidOperationException or FormatException)
        {
            await audit.WriteAsync(null, "signin.passkey_refused", "user", user.Id, e.Message.Length > 120 ? e.Message[..120] : e.Message);
            return (null, "Deze passkey kon niet worden gecontroleerd. Probeer het opnieuw.");
        }
    }

    private static string Next(string? returnUrl, IReadOnlySet<string> roles) =>
        SignInPage.IsLocal(returnUrl) ? returnUrl! : GesprekTool.Components.Home.StartPageFor(roles);
}
