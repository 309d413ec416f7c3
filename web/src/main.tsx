// The placeholder of the ShowTracker PWA: the app itself arrives with the
// features that need it; until then this page says so and points at the API.
import { render } from 'solid-js/web';
import './styles.css';

function Placeholder() {
  return (
    <main class="placeholder">
      <h1>ShowTracker</h1>
      <p class="lede">
        Track the shows and movies you watch, see what airs when in your own time zone, and get a
        notification before the next episode.
      </p>
      <p>The app is coming soon. The API is already running.</p>
      <p>
        <a href="/api/openapi.json">Read the API description (OpenAPI)</a>
      </p>
    </main>
  );
}

render(() => <Placeholder />, document.getElementById('root')!);
