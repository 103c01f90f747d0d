using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GesprekTool.Live;

/// <summary>
/// A component that people watch change (a coaching session, a practice conversation): once its
/// circuit runs, it follows a topic of <see cref="LiveChanges"/> and loads what its user may see
/// again after every change, however many arrive while it loads (they are folded into one reload).
/// When the user's session ends, the page goes to the sign-in page.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    [Inject] private LiveChanges Changes { get; set; } = default!;
    [Inject] private ILogger<LiveComponent> Logger { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    private readonly List<IDisposable> _subscriptions = [];
    private bool _dirty, _reloading;

    /// <summary>Loads what this page shows, for its user, from the database.</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Starts following a topic (a page may follow several); only in a live circuit (a prerender is gone after its response).</summary>
    protected void Follow(string topic)
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }
        if (_subscriptions.Count == 0)
        {
            Authentication.AuthenticationStateChanged += SignedOut;
        }
        _subscriptions.Add(Changes.Subscribe(topic, () => InvokeAsync(ChangedAsync)));
    }

    /// <summary>Tells every page that follows the topic (this one included) that it changed.</summary>
    protected Task PublishAsync(string topic) => Changes.PublishAsync(topic);

    private async Task ChangedAsync()
    {
        _dirty = true;
        if (_reloading)
        {
            return; // the running reload goes round once more
        }
        _reloading = true;
        try
        {
            while (_dirty)
            {
                _dirty = false;
                await ReloadAsync();
                StateHasChanged();
            }
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "A live page could not load the change");
        }
        finally
        {
            _reloading = false;
        }
    }

    private async void SignedOut(Task<AuthenticationState> state)
    {
        try
        {
            if ((await state).User.Identity?.IsAuthenticated != true)
            {
                await InvokeAsync(() => Navigation.NavigateTo(Navigation.Uri, forceLoad: true));
            }
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Could not send an ended session's page to the sign-in page");
        }
    }

    public void Dispose()
    {
        if (_subscriptions.Count > 0)
        {
            Authentication.AuthenticationStateChanged -= SignedOut;
        }
        _subscriptions.ForEach(subscription => subscription.Dispose());
        _subscriptions.Clear();
        GC.SuppressFinalize(this);
    }
}
