// The app shell: navigation, offline banner, update prompt and the routes.
// Home is in the first bundle; every other screen loads when first opened.
import { createEffect, lazy, Match, on, Switch, type JSX, type ParentProps } from 'solid-js';
import { Navigate, Route, Router, useLocation } from '@solidjs/router';
import { Nav } from './components/nav.tsx';
import { OfflineBanner } from './components/ui.tsx';
import { UpdatePrompt } from './components/update-prompt.tsx';
import { status } from './lib/session.ts';
import Home from './screens/home.tsx';

const SignIn = lazy(() => import('./screens/sign-in.tsx'));
const SignUp = lazy(() => import('./screens/sign-up.tsx'));
const ForgotPassword = lazy(() => import('./screens/forgot-password.tsx'));
const ResetPassword = lazy(() => import('./screens/reset-password.tsx'));
const Search = lazy(() => import('./screens/search.tsx'));
const ShowPage = lazy(() => import('./screens/show.tsx'));
const MyShows = lazy(() => import('./screens/my-shows.tsx'));
const TimelinePage = lazy(() => import('./screens/timeline.tsx'));
const Notifications = lazy(() => import('./screens/notifications.tsx'));
const History = lazy(() => import('./screens/history.tsx'));
const Stats = lazy(() => import('./screens/stats.tsx'));
const Settings = lazy(() => import('./screens/settings.tsx'));
const ImportExport = lazy(() => import('./screens/import-export.tsx'));
const NotFound = lazy(() => import('./screens/not-found.tsx'));

/** Screens that need an account send a signed-out visitor to sign in, and back afterwards. */
function RequireAuth(props: ParentProps): JSX.Element {
  const location = useLocation();
  return (
    <Switch>
      <Match when={status() === 'signed-out'}>
        <Navigate href={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Match>
      <Match when={status() === 'signed-in'}>{props.children}</Match>
    </Switch>
  );
}

/**
 * Focuses the next screen's heading once it is on the page: a lazy screen,
 * or one waiting for its data, draws it later than the navigation.
 */
function focusNewHeading() {
  const main = document.getElementById('main');
  if (!main) return;
  const previous = main.querySelector('h1');
  const focus = () => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (!heading || heading === previous) return false;
    heading.focus({ preventScroll: true });
    return true;
  };
  if (focus()) return;
  const observer = new MutationObserver(() => focus() && observer.disconnect());
  observer.observe(main, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), 5000);
}

function Layout(props: ParentProps) {
  const location = useLocation();
  // Move focus to the new screen's heading for keyboard and screen-reader users.
  createEffect(on(() => location.pathname, focusNewHeading, { defer: true }));
  return (
    <>
      {/* The router would treat "#main" as a navigation: move focus by hand. */}
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <Nav />
      <OfflineBanner />
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <UpdatePrompt />
    </>
  );
}

const guarded = (Screen: () => JSX.Element) => () => (
  <RequireAuth>
    <Screen />
  </RequireAuth>
);

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={Home} />
      <Route path="/signin" component={SignIn} />
      <Route path="/signup" component={SignUp} />
      <Route path="/forgot-password" component={ForgotPassword} />
      <Route path="/reset-password" component={ResetPassword} />
      <Route path="/search" component={Search} />
      <Route path="/shows/:id" component={ShowPage} />
      <Route path="/my-shows" component={guarded(MyShows)} />
      <Route path="/timeline" component={guarded(TimelinePage)} />
      <Route path="/notifications" component={guarded(Notifications)} />
      <Route path="/history" component={guarded(History)} />
      <Route path="/stats" component={guarded(Stats)} />
      <Route path="/settings" component={guarded(Settings)} />
      <Route path="/settings/import" component={guarded(ImportExport)} />
      <Route path="*" component={NotFound} />
    </Router>
  );
}
