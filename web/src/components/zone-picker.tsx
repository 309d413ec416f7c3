// A searchable time-zone picker (the ARIA 1.2 combobox with a listbox): type
// a city, a zone or an offset, move with the arrow keys, Enter picks. Only in
// Settings, which loads lazily, so none of it weighs on Home.
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { canonicalZone, searchZones, zoneCity, zoneOffset, zoneOptions, type ZoneOption } from '../lib/zones.ts';

export function ZonePicker(props: { value: string; browserZone: string; onChange: (zone: string) => void; disabled?: boolean }) {
  const id = createUniqueId();
  const [query, setQuery] = createSignal('');
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  // Some 400 offsets to work out: only once the list is first opened, not while Settings draws.
  const [wanted, setWanted] = createSignal(false);
  const options = createMemo<ZoneOption[]>((built) => (built.length > 0 || !wanted() ? built : zoneOptions(props.browserZone)), []);
  const shown = createMemo(() => searchZones(options(), query()));
  const current = () => canonicalZone(props.value);
  const optionId = (index: number) => `${id}-option-${index}`;
  let list: HTMLUListElement | undefined;

  const move = (index: number) => {
    const last = shown().length - 1;
    const next = Math.max(0, Math.min(last, index));
    setActive(next);
    show();
    document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
  };
  const show = () => {
    setWanted(true);
    setOpen(true);
  };
  const choose = (option: ZoneOption | undefined) => {
    if (!option) return;
    setOpen(false);
    setQuery('');
    if (option.zone !== current()) props.onChange(option.zone);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => (open() ? move(active() + 1) : move(0)),
      ArrowUp: () => move(active() - 1),
      Home: () => open() && move(0),
      End: () => open() && move(shown().length - 1),
      Enter: () => open() && choose(shown()[active()]),
      Escape: () => (open() ? setOpen(false) : setQuery('')),
    };
    const action = keys[event.key];
    if (!action || ((event.key === 'Home' || event.key === 'End' || event.key === 'Enter') && !open())) return;
    event.preventDefault();
    action();
  };

  return (
    <div class="zone-picker">
      <label for={`${id}-input`}>Your time zone</label>
      <p class="subtle" id={`${id}-current`}>
        Now: <strong>{zoneCity(current())}</strong> ({current().replaceAll('_', ' ')}) · {zoneOffset(current())}
      </p>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        placeholder="Search a city, zone or offset"
        aria-autocomplete="list"
        aria-expanded={open()}
        aria-controls={`${id}-list`}
        aria-describedby={`${id}-current`}
        aria-activedescendant={open() && shown().length > 0 ? optionId(active()) : undefined}
        disabled={props.disabled}
        value={query()}
        onInput={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
          show();
          list?.scrollTo({ top: 0 });
        }}
        onFocus={show}
        onClick={show}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={`${id}-list`} ref={list} role="listbox" aria-label="Time zones" class="zone-list" hidden={!open()}>
        <For each={shown()} fallback={<li class="subtle zone-none">No zone matches “{query()}”</li>}>
          {(option, index) => (
            <li
              id={optionId(index())}
              role="option"
              aria-selected={index() === active()}
              classList={{ active: index() === active(), current: option.zone === current() }}
              // Keep focus in the input: a click picks without blurring it first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option)}
            >
              <span class="zone-city">
                {option.city}
                <Show when={option.zone === canonicalZone(props.browserZone)}>
                  <span class="subtle"> · this device</span>
                </Show>
              </span>
              <span class="zone-name subtle">{option.zone.replaceAll('_', ' ')}</span>
              <span class="zone-offset">{option.offset}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
