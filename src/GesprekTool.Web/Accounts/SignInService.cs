using GesprekTool.Audit;
using Microsoft.AspNetCore.Identity;

namespace GesprekTool.Accounts;

public enum SignInOutcome { Success, WrongCredentials, LockedOut, TooManyFromAddress }

/// <summary>
/// Checks a user name and password with ASP.NET Core Identity's hasher and locks an account for a
/// while after repeated failures, so a password cannot be guessed by trying.
/// </summary>
public sealed class SignInService(UserStore users, AuditLog audit, SignInThrottle throttle, TimeProvider clock, IConfiguration configuration)
{
    private static readonly PasswordHasher<UserRow> Hasher = new();

    private int MaxFailures => configuration.GetValue("Accounts:MaxFailedSignIns", 5);
    private TimeSpan LockoutDuration => TimeSpan.FromMinutes(configuration.GetValue("Accounts:LockoutMinutes", 15));

    public static string Hash(string password) => Hasher.HashPassword(new UserRow(), password);

    /// <summary>Whether a typed password is the user's, e.g. to confirm it before changing it.</summary>
    public static bool PasswordMatches(UserRow user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    public async Task<(SignInOutcome Outcome, UserRow? User)> SignInAsync(string userName, string password, string address = "?")
    {
        if (!throttle.AddressMayTry(address))
        {
            await audit.WriteAsync(null, "signin.throttled", null, null, $"address {Truncate(address)}");
            return (SignInOutcome.TooManyFromAddress, null);
        }
        var outcome = await CheckPasswordAsync(userName, password);
        if (outcome.Outcome != SignInOutcome.Success)
        {
            throttle.AddressFailed(address);
        }
        return outcome;
    }

    private async Task<(SignInOutcome Outcome, UserRow? User)> CheckPasswordAsync(string userName, string password)
    {
        var user = await users.FindByUserNameAsync(userName);
        var now = clock.GetUtcNow();
        if (user is null || !user.IsActive)
        {
            // Hash anyway so an unknown name takes as long as a wrong password, and lock it like a real
            // one: the answers must not tell which names have an account.
            Hasher.VerifyHashedPassword(new UserRow(), DummyHash, password);
            var locked = throttle.UnknownNameIsLocked(userName) || throttle.UnknownNameFailed(userName);
            await audit.WriteAsync(null, "signin.failed", null, null, $"unknown user '{Truncate(userName)}'");
            return (locked ? SignInOutcome.LockedOut : SignInOutcome.WrongCredentials, null);
        }
        if (user.LockedUntil > now)
        {
            await audit.WriteAsync(null, "signin.locked", "user", user.Id, user.UserName);
            return (SignInOutcome.LockedOut, null);
        }
        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return (await RecordFailureAsync(user, now), null);
        }
        await audit.WriteAsync(new CurrentUser(user.Id, user.UserName, user.DisplayName, new HashSet<string>()), "signin.password_ok", "user", user.Id, null);
        return (SignInOutcome.Success, user);
    }

    /// <summary>
    /// The whole sign-in succeeded (password and, where needed, the code). Only now the failure
    /// count resets: otherwise a right password would reset the count of wrong codes.
    /// </summary>
    public async Task CompleteAsync(UserRow user)
    {
        await users.RecordSuccessfulSignInAsync(user.Id);
        await audit.WriteAsync(new CurrentUser(user.Id, user.UserName, user.DisplayName, new HashSet<string>()), "signin", "user", user.Id, null);
    }

    /// <summary>A wrong second-factor code, or a wrong current password when changing it, counts toward the same lockout as a failed sign-in.</summary>
    public async Task<SignInOutcome> SecondCheckFailedAsync(UserRow user) => await RecordFailureAsync(user, clock.GetUtcNow());

    private async Task<SignInOutcome> RecordFailureAsync(UserRow user, DateTimeOffset now)
    {
        // A lock that has run out starts a fresh count.
        var failures = (user.LockedUntil is null ? user.FailedSignIns : 0) + 1;
        var lockedUntil = failures >= MaxFailures ? now + LockoutDuration : (DateTimeOffset?)null;
        await users.RecordFailedSignInAsync(user.Id, failures, lockedUntil);
        await audit.WriteAsync(null, lockedUntil is null ? "signin.failed" : "signin.lockout", "user", user.Id, user.UserName);
        return lockedUntil is null ? SignInOutcome.WrongCredentials : SignInOutcome.LockedOut;
    }

    private static readonly string DummyHash = Hash(Guid.NewGuid().ToString());

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64];
}
