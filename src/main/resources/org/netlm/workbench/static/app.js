// The workbench page: tabs (keyboard: arrow keys, Home, End), the disclaimer, and the three panels.
import {api} from './api.js';
import {initWhatIf, setPatient, reassess} from './whatif.js';
import {initRules} from './rules.js';
import {initImpact} from './impact.js';

const tabs = [...document.querySelectorAll('[role="tab"]')];

function select(tab, focus = true) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
}

for (const t of tabs) {
  t.addEventListener('click', () => select(t));
  t.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(t);
    const next = {ArrowRight: (i + 1) % tabs.length, ArrowLeft: (i - 1 + tabs.length) % tabs.length, Home: 0, End: tabs.length - 1}[e.key];
    if (next !== undefined) {
      e.preventDefault();
      select(tabs[next]);
    }
  });
}

async function main() {
  const info = await api.info();
  document.getElementById('rules-source').textContent = info.rules;
  document.getElementById('disclaimer-text').textContent = info.disclaimer;
  await initWhatIf(info);
  initImpact(info, (patient) => {
    setPatient(patient);
    select(document.getElementById('tab-whatif'));
  });
  await initRules(info, reassess);
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.getElementById('disclaimer-text').textContent = 'The workbench could not start: ' + e.message;
});

// Print: open every explanation and rule card so that the handout holds them, and close them again afterwards.
window.addEventListener('beforeprint', () => {
  document.querySelectorAll('main details:not([open])').forEach((d) => { d.open = true; d.dataset.printOpened = 'true'; });
});
window.addEventListener('afterprint', () => {
  document.querySelectorAll('main details[data-print-opened]').forEach((d) => { d.open = false; delete d.dataset.printOpened; });
});
