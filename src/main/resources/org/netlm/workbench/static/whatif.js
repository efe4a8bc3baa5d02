// What-if panel: the patient form (built from the field list the server sends), the live assessment with why / why-not,
// examples, pasted patients and the scenario export.
import {api, ApiError} from './api.js';
import {h, fill, citationLinks, words} from './dom.js';

let schema = null;
let examples = [];
let pending = null;
let sequence = 0;

const $ = (id) => document.getElementById(id);

export async function initWhatIf(info) {
  schema = await api.fields();
  buildForm();
  examples = await api.examples();
  const select = $('example-select');
  for (const e of examples) select.append(h('option', {value: e.key}, e.name));
  $('example-load').addEventListener('click', () => {
    const e = examples.find((x) => x.key === select.value);
    if (e) setPatient(e.patient);
  });
  $('patient-clear').addEventListener('click', () => setPatient({}));
  const format = $('paste-format');
  for (const f of info.importFormats) format.append(h('option', {value: f}, f === 'json' ? 'Patient JSON' : 'FHIR R4 Bundle'));
  $('paste-import').addEventListener('click', importPasted);
  $('pt-add').addEventListener('click', () => { addPrior({}); $('prior-list').lastElementChild.querySelector('select').focus(); changed(); });
  $('scenario-export').addEventListener('click', exportScenario);
  $('patient-form').addEventListener('input', changed);
  $('patient-form').addEventListener('change', changed);
  $('patient-form').addEventListener('submit', (ev) => ev.preventDefault());
}

function buildForm() {
  const box = $('patient-fields');
  for (const f of schema.fields) {
    if (f.kind === 'PRIOR_THERAPIES') continue;
    const id = 'f-' + f.name;
    const hintId = id + '-hint';
    const errId = id + '-error';
    let control;
    if (f.kind === 'ENUM' || f.kind === 'BOOLEAN') {
      const values = f.kind === 'ENUM' ? f.values : ['true', 'false'];
      control = h('select', {id, name: f.name, 'aria-describedby': hintId + ' ' + errId},
        h('option', {value: ''}, f.required ? '(required)' : 'unknown'),
        values.map((v) => h('option', {value: v}, f.kind === 'BOOLEAN' ? (v === 'true' ? 'yes' : 'no') : v)));
    } else {
      const attrs = {id, name: f.name, 'aria-describedby': hintId + ' ' + errId, required: f.required};
      if (f.kind === 'INTEGER' || f.kind === 'NUMBER') {
        Object.assign(attrs, {type: 'number', inputmode: f.kind === 'INTEGER' ? 'numeric' : 'decimal', step: f.kind === 'INTEGER' ? '1' : 'any'});
        if (f.min !== undefined && !f.minExclusive) attrs.min = f.min;
        if (f.max !== undefined) attrs.max = f.max;
      } else {
        attrs.type = 'text';
      }
      control = h('input', attrs);
    }
    const hint = [f.name, f.rangeText ? ' · ' + f.rangeText : '', f.required ? ' · required' : ''].join('');
    box.append(h('div', {class: 'field', dataset: {field: f.name}},
      h('label', {for: id}, f.label),
      control,
      h('span', {class: 'hint', id: hintId}, hint),
      h('span', {class: 'error', id: errId})));
  }
}

function addPrior(entry) {
  const list = $('prior-list');
  const i = list.children.length;
  const therapy = h('select', {id: 'pt-therapy-' + i, class: 'pt-therapy'},
    h('option', {value: ''}, 'therapy…'), schema.priorTherapy.therapy.map((t) => h('option', {value: t}, t)));
  const outcome = h('select', {id: 'pt-outcome-' + i, class: 'pt-outcome'},
    h('option', {value: ''}, 'outcome…'), schema.priorTherapy.outcome.map((t) => h('option', {value: t}, t)));
  therapy.value = entry.therapy || '';
  outcome.value = entry.outcome || '';
  const row = h('li', {class: 'prior-row'},
    h('label', {for: therapy.id}, 'Therapy ' + (i + 1)), therapy,
    h('label', {for: outcome.id}, 'Outcome'), outcome,
    h('button', {type: 'button', class: 'pt-remove', 'aria-label': 'Remove prior therapy ' + (i + 1),
      onclick: () => { row.remove(); renumber(); changed(); }}, 'Remove'),
    h('span', {class: 'error', id: 'pt-error-' + i}));
  list.append(row);
}

function renumber() {
  [...$('prior-list').children].forEach((row, i) => {
    const [t, o] = row.querySelectorAll('select');
    const [lt, lo] = row.querySelectorAll('label');
    t.id = 'pt-therapy-' + i; o.id = 'pt-outcome-' + i;
    lt.htmlFor = t.id; lo.htmlFor = o.id;
    lt.textContent = 'Therapy ' + (i + 1);
    row.querySelector('.pt-remove').setAttribute('aria-label', 'Remove prior therapy ' + (i + 1));
    row.querySelector('.error').id = 'pt-error-' + i;
  });
}

/** Fills the form from a patient object (fields absent = unknown) and assesses it. */
export function setPatient(p) {
  for (const f of schema.fields) {
    if (f.kind === 'PRIOR_THERAPIES') continue;
    const el = $('f-' + f.name);
    const v = p[f.name];
    el.value = v === undefined || v === null ? '' : String(v);
  }
  fill($('prior-list'));
  for (const t of p.priorTherapies || []) addPrior(t);
  changed(0);
}

/** The patient the form shows, as patient JSON (empty fields left out). */
export function currentPatient() {
  const p = {};
  for (const f of schema.fields) {
    if (f.kind === 'PRIOR_THERAPIES') continue;
    const raw = $('f-' + f.name).value.trim();
    if (raw === '') continue;
    if (f.kind === 'BOOLEAN') p[f.name] = raw === 'true';
    else if (f.kind === 'INTEGER' || f.kind === 'NUMBER') p[f.name] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
    else p[f.name] = raw;
  }
  const prior = [...$('prior-list').children].map((row) => {
    const [t, o] = row.querySelectorAll('select');
    const e = {};
    if (t.value) e.therapy = t.value;
    if (o.value) e.outcome = o.value;
    return e;
  });
  if (prior.length) p.priorTherapies = prior;
  return p;
}

function changed(delay = 300) {
  clearTimeout(pending);
  pending = setTimeout(assess, typeof delay === 'number' ? delay : 300);
}

async function assess() {
  const mine = ++sequence;
  const box = $('assessment');
  box.setAttribute('aria-busy', 'true');
  clearErrors();
  try {
    const res = await api.assess(currentPatient());
    if (mine !== sequence) return;
    renderAssessment(res.assessment, res.rules);
  } catch (e) {
    if (mine !== sequence) return;
    if (e instanceof ApiError && e.code === 'INVALID_PATIENT') {
      showErrors(e.problems);
      fill(box, h('div', {class: 'invalid', id: 'assessment-invalid'}, h('h3', {}, 'The patient is not valid'),
        h('ul', {}, e.problems.map((p) => h('li', {}, (p.field || '') + ': ' + p.reason)))));
    } else {
      fill(box, h('p', {class: 'invalid'}, e.message));
    }
  } finally {
    if (mine === sequence) box.setAttribute('aria-busy', 'false');
  }
}

function clearErrors() {
  document.querySelectorAll('#patient-form .error').forEach((el) => { el.textContent = ''; });
  document.querySelectorAll('#patient-form [aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
}

function showErrors(problems) {
  for (const p of problems) {
    const m = /^priorTherapies\[(\d+)\]/.exec(p.field || '');
    const target = m ? $('pt-error-' + m[1]) : $('f-' + p.field + '-error');
    const control = m ? $('pt-therapy-' + m[1]) : $('f-' + p.field);
    if (target) target.textContent = (m ? p.field + ': ' : '') + p.reason;
    if (control) control.setAttribute('aria-invalid', 'true');
  }
}

function renderAssessment(a, rules) {
  const box = $('assessment');
  const parts = [];
  if (rules.stale) {
    parts.push(h('p', {class: 'stale', role: 'alert'}, 'The rule folder has problems: this assessment uses the last version that compiled (' + rules.digest + '). See the Rules panel.'));
  }
  parts.push(h('p', {class: 'disclaimer'}, a.disclaimer || 'Decision support, not a prescription.'));
  parts.push(h('p', {class: 'meta'}, 'Patient ' + a.patientId + ' · rule set ' + a.rulesetVersion));
  parts.push(h('h3', {}, 'Findings'));
  parts.push(h('dl', {class: 'findings', id: 'findings'}, Object.entries(a.findings).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])));
  parts.push(h('h3', {}, 'Recommendations'));
  if (!a.recommendations.length) parts.push(h('p', {}, 'No recommendation.'));
  parts.push(h('ol', {class: 'recs', id: 'recommendations'}, a.recommendations.map((r) => h('li', {class: 'rec', dataset: {therapy: r.therapy, strength: r.strength}},
    h('p', {class: 'rec-head'}, h('strong', {}, r.therapy), ' ', h('span', {class: 'strength s-' + r.strength}, words(r.strength)), ' ', h('span', {class: 'rule'}, r.ruleId)),
    h('p', {}, r.rationale),
    r.evidence.length ? h('ul', {class: 'evidence'}, r.evidence.map((c) => h('li', {}, citationLinks(c)))) : null,
    r.opinions.length > 1 ? h('details', {}, h('summary', {}, 'Other rules on ' + r.therapy),
      h('ul', {}, r.opinions.slice(1).map((o) => h('li', {}, o.ruleId + ' (' + words(o.strength) + '): ' + o.rationale)))) : null,
    r.limits.length ? h('p', {class: 'limits'}, 'Limits: ' + r.limits.join('; ')) : null))));
  parts.push(h('h3', {}, 'Warnings'));
  parts.push(a.warnings.length ? h('ul', {class: 'warnings', id: 'warnings'}, a.warnings.map((w) => h('li', {dataset: {code: w.code}}, h('strong', {}, w.code), ': ' + w.message)))
    : h('p', {}, 'None.'));
  if (a.explanations) {
    parts.push(h('h3', {}, 'Why and why not, per therapy'));
    parts.push(h('div', {class: 'explanations', id: 'explanations'}, Object.entries(a.explanations).map(([t, e]) => explanation(t, e))));
  }
  fill(box, parts);
}

function criteria(list) {
  return h('ul', {}, list.map((c) => h('li', {}, h('code', {}, c.code), ' ' + words(c.state) + (c.basis ? ' (' + c.basis + ')' : ''))));
}

function explanation(therapy, e) {
  const body = [];
  let summary = therapy;
  if (e.why) {
    summary += ': ' + words(e.why.strength);
    body.push(h('p', {}, h('strong', {}, 'Why: '), e.why.deciding.ruleId + ' — ' + e.why.deciding.rule));
    if (e.why.deciding.criteria.length) body.push(criteria(e.why.deciding.criteria));
    for (const l of e.why.limits) body.push(h('p', {}, 'Limit ' + l.ruleId + (l.applied ? ' (applied): ' : ': ') + l.reason));
    if (e.why.giveToUpgrade && e.why.giveToUpgrade.length) body.push(h('p', {class: 'missing'}, 'Could become stronger with: ' + e.why.giveToUpgrade.join(', ')));
  }
  if (e.whyNot) {
    summary += e.why ? '' : ': ' + (e.whyNot.strength ? words(e.whyNot.strength) : 'not offered');
    body.push(h('p', {}, h('strong', {}, 'Why not: '), e.whyNot.reasons.map(words).join(', ') || 'no rule offers it for this patient'));
    if (e.whyNot.blockedBy.length) body.push(h('p', {}, 'Blocked by:'), criteria(e.whyNot.blockedBy));
    if (e.whyNot.missingInputs.length) body.push(h('p', {}, 'Waiting for data:'), criteria(e.whyNot.missingInputs));
    if (e.whyNot.giveToDecide.length) body.push(h('p', {class: 'missing', dataset: {missing: e.whyNot.giveToDecide.join(' ')}}, 'Missing inputs that would decide it: ' + e.whyNot.giveToDecide.join(', ')));
    for (const r of e.whyNot.negativeRules) body.push(h('p', {}, 'Against: ' + r.ruleId + ' — ' + r.rule));
  }
  return h('details', {class: 'explanation', dataset: {therapy}}, h('summary', {}, summary), body);
}

async function importPasted() {
  const status = $('paste-status');
  try {
    const res = await api.importPatient($('paste-format').value, $('paste-text').value);
    setPatient(res.patient);
    status.textContent = 'Imported patient ' + (res.patient.id || '') + '.' + (res.mapping ? ' ' + res.mapping.join(' ') : '');
  } catch (e) {
    status.textContent = e.message + (e.problems && e.problems.length ? ' ' + e.problems.map((p) => (p.field ? p.field + ': ' : '') + p.reason).join('; ') : '');
  }
}

async function exportScenario() {
  const patient = currentPatient();
  const name = $('scenario-name').value.trim() || ('What-if ' + (patient.id || 'patient'));
  const scenario = await api.scenario(name, patient);
  const blob = new Blob([JSON.stringify(scenario, null, 2) + '\n'], {type: 'application/json'});
  const a = h('a', {href: URL.createObjectURL(blob), download: (name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario') + '.json'});
  document.body.append(a);
  a.click();
  a.remove();
}

/** Assesses the form again (after the rules changed), when it holds a patient. */
export function reassess() {
  if (schema && Object.keys(currentPatient()).length) changed(0);
}
