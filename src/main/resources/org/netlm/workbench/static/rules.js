// Rules panel: the folder's files (view, edit, save), validation with file:line (checked again when a file changes on
// disk), and the catalogue: each rule's conditions, evidence and the scenarios that fire it.
import {api} from './api.js';
import {h, fill, citationLinks, words} from './dom.js';

const $ = (id) => document.getElementById(id);
let openPath = null;
let lastDigest = null;
let lastEngine = null;
let catalog = null;

export async function initRules(info, onRulesChanged) {
  $('rule-save').addEventListener('click', save);
  $('catalog-filter').addEventListener('input', renderCatalog);
  const tick = async () => {
    try {
      const rules = await api.rules();
      renderStatus(rules);
      if (rules.digest !== lastDigest || rules.rulesetVersion !== lastEngine) {
        lastDigest = rules.digest;
        const engineChanged = rules.rulesetVersion !== lastEngine;
        lastEngine = rules.rulesetVersion;
        renderFiles(rules);
        if (engineChanged) {
          await loadCatalog();
          onRulesChanged();
        }
      }
    } catch (e) {
      fill($('rule-status'), h('p', {class: 'invalid'}, 'Cannot reach the workbench: ' + e.message));
    }
    setTimeout(tick, 1500);
  };
  await tick();
}

function renderStatus(rules) {
  const badge = $('rules-badge');
  badge.textContent = rules.checking ? 'checking…' : rules.state === 'OK' ? 'valid' : rules.problems.length + ' problem(s)';
  badge.className = 'badge ' + (rules.state === 'OK' ? 'ok' : 'bad');
  const text = rules.state === 'OK'
    ? 'The rules compile and pass the checks (' + rules.files.length + ' files, digest ' + rules.digest + ').'
    : 'The rule folder has ' + rules.problems.length + ' problem(s) (digest ' + rules.digest + ').'
      + (rules.stale ? ' Assessments use the last version that compiled (' + rules.engineDigest + ').' : '');
  fill($('rule-status'), h('p', {class: rules.state === 'OK' ? 'ok' : 'bad', id: 'rule-state', dataset: {state: rules.state}}, text),
    h('p', {class: 'meta'}, 'Checked ' + new Date(rules.checkedAt).toLocaleTimeString() + ' · ' + rules.source));
  fill($('rule-problems'), rules.problems.map((p) => h('li', {}, h('button', {type: 'button', class: 'link',
    onclick: () => openFile(p.file, p.line)}, p.text))));
}

function renderFiles(rules) {
  fill($('rule-files'), rules.files.map((f) => h('li', {}, h('button', {type: 'button', class: 'link', 'aria-current': f.path === openPath ? 'true' : null,
    onclick: () => openFile(f.path)}, f.path))));
}

async function openFile(path, line) {
  let res;
  try {
    res = await api.readFile(path);
  } catch (e) {
    $('save-status').textContent = e.message;
    return;
  }
  openPath = path;
  const ed = $('rule-editor');
  ed.value = res.content;
  ed.disabled = false;
  ed.readOnly = !res.editable;
  $('rule-save').disabled = !res.editable;
  $('editor-title').textContent = path;
  $('editor-label').textContent = (res.editable ? 'Edit ' : 'View (read-only) ') + path;
  $('save-status').textContent = '';
  document.querySelectorAll('#rule-files button').forEach((b) => b.toggleAttribute('aria-current', b.textContent === path));
  if (line > 0) {
    const lines = res.content.split('\n');
    const start = lines.slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
    ed.focus();
    ed.setSelectionRange(start, start + (lines[line - 1] || '').length);
    ed.scrollTop = Math.max(0, (line - 5) * 16);
  }
}

async function save() {
  if (!openPath) return;
  const status = $('save-status');
  status.textContent = 'Saving and checking…';
  try {
    const rules = await api.writeFile(openPath, $('rule-editor').value);
    status.textContent = 'Saved ' + openPath + '.';
    renderStatus(rules);
  } catch (e) {
    status.textContent = e.message;
  }
}

async function loadCatalog() {
  try {
    catalog = await api.catalog();
  } catch (e) {
    catalog = null;
    fill($('catalog'), h('p', {}, e.message));
    return;
  }
  const s = catalog.scenarios;
  fill($('suite-summary'), s.error ? 'Scenario suite: ' + s.error
    : 'Scenario suite (' + (s.source || 'none') + '): ' + s.passed + ' of ' + s.total + ' pass'
      + (s.failed && s.failed.length ? ' — failing: ' + s.failed.map((f) => f.name).join('; ') : '')
      + (s.neverFired && s.neverFired.length ? '. Rules no scenario fires: ' + s.neverFired.join(', ') : '.'));
  renderCatalog();
}

function renderCatalog() {
  if (!catalog) return;
  const q = $('catalog-filter').value.trim().toLowerCase();
  const rules = catalog.rules.filter((r) => !q || [r.id, r.name, r.produces, r.file, ...r.conditions.map((c) => c.criterion)]
    .some((x) => x && String(x).toLowerCase().includes(q)));
  fill($('catalog'), rules.map((r) => h('details', {class: 'card', id: 'rule-' + r.id, dataset: {rule: r.id}},
    h('summary', {}, h('strong', {}, r.id), ' ', r.name),
    h('p', {class: 'meta'}, r.file + ':' + r.line + ' · ' + r.layer + (r.offers.length || r.limits.length ? ' · ' + r.produces : '')),
    r.comment ? h('p', {}, r.comment) : null,
    h('h4', {}, 'Conditions'),
    r.conditions.length ? h('ul', {}, r.conditions.map((c) => h('li', {}, h('code', {}, c.criterion), ' ' + c.text.substring(c.criterion.length))))
      : h('p', {}, 'No named criterion.'),
    r.conditionsFullyRead ? null : h('p', {class: 'meta'}, 'Some conditions are written in DRL beyond the named criteria: see the file.'),
    h('h4', {}, 'Evidence'),
    r.evidence.length ? h('ul', {}, r.evidence.map((c) => h('li', {}, citationLinks(c)))) : h('p', {}, 'None cited.'),
    h('h4', {}, 'Scenarios that fire it'),
    r.scenarios.length ? h('ul', {class: 'scenarios'}, r.scenarios.map((s) => h('li', {}, (s.passed ? 'PASS ' : 'FAIL ') + s.name + ' (' + s.source + ')')))
      : h('p', {}, 'No scenario fires this rule.'))));
}
