// Impact panel: the rules being edited against the bundled rules (or --compare) on the cohort; the transition table
// and the chart of `impact`, with each example patient one click away in the what-if panel.
import {api} from './api.js';
import {h, fill, words} from './dom.js';

const $ = (id) => document.getElementById(id);

export function initImpact(info, openInWhatIf) {
  const select = $('impact-against');
  for (const c of info.compareWith) select.append(h('option', {value: c.key}, c.label));
  if (!info.cohort) {
    $('impact-status').textContent = 'No cohort: start the workbench with --cohort FILE… (e.g. examples/cohort of the repository).';
    $('impact-run').disabled = true;
  }
  $('impact-run').addEventListener('click', () => run(select.value, openInWhatIf, info));
}

async function run(against, openInWhatIf, info) {
  const status = $('impact-status');
  const button = $('impact-run');
  button.disabled = true;
  status.textContent = 'Comparing on ' + info.cohort + '…';
  try {
    const res = await api.impact(against);
    render(res, openInWhatIf);
    const r = res.report;
    status.textContent = 'Done: ' + r.changed + ' of ' + r.patients + ' patients changed.';
  } catch (e) {
    status.textContent = e.message + (e.problems && e.problems.length ? ' ' + e.problems.map((p) => (p.field ? p.field + ': ' : '') + p.reason).join('; ') : '');
  } finally {
    button.disabled = false;
  }
}

function examples(change, res, openInWhatIf) {
  return h('ul', {class: 'examples'}, change.examples.map((e) => h('li', {},
    res.patients[e.patientId]
      ? h('button', {type: 'button', class: 'link open-example', dataset: {patient: e.patientId},
          onclick: () => openInWhatIf(res.patients[e.patientId])}, 'Open ' + e.patientId + ' in what-if')
      : e.patientId,
    ' — before: ' + e.before.outcome + (e.before.ruleId ? ' (' + e.before.ruleId + ')' : '')
      + ', after: ' + e.after.outcome + (e.after.ruleId ? ' (' + e.after.ruleId + ')' : ''))));
}

function table(caption, head, rows) {
  return h('table', {}, h('caption', {}, caption), h('thead', {}, h('tr', {}, head.map((x) => h('th', {scope: 'col'}, x)))), h('tbody', {}, rows));
}

function render(res, openInWhatIf) {
  const r = res.report;
  const out = [];
  out.push(h('p', {class: 'disclaimer'}, r.disclaimer));
  out.push(h('p', {class: 'headline', id: 'impact-headline'}, r.changed + ' of ' + r.patients + ' patients changed ('
    + r.recommendationsChanged + ' with other recommendation strengths)'
    + (r.detailsChanged ? '; ' + r.detailsChanged + ' more with another deciding rule, rationale or evidence' : '')
    + (r.rejected ? '; ' + r.rejected + ' could not be assessed' : '') + '.'));
  out.push(h('p', {class: 'meta'}, 'Before: ' + r.before.name + ' (' + r.before.rulesetVersion + ', ' + r.before.rules + ' rules) · after: '
    + r.after.name + ' (' + r.after.rulesetVersion + ', ' + r.after.rules + ' rules) · cohort: ' + r.cohort.join(', ')));
  if (res.chartSvg) {
    const chart = h('figure', {class: 'chart', id: 'impact-chart'}, h('figcaption', {}, 'Patients per recommendation transition'));
    // The chart is the server's own SVG (ImpactHtml, every text escaped there); the page allows no script in it.
    const tpl = document.createElement('template');
    tpl.innerHTML = res.chartSvg;
    tpl.content.querySelectorAll('script,foreignObject').forEach((x) => x.remove());
    chart.prepend(tpl.content);
    out.push(chart);
  }
  if (r.therapies.length) {
    out.push(table('Recommendation transitions', ['therapy', 'before', 'after', 'patients', 'examples'],
      r.therapies.map((c) => h('tr', {dataset: {therapy: c.therapy}}, h('td', {}, c.therapy), h('td', {}, words(c.from) || 'absent'),
        h('td', {}, words(c.to) || 'absent'), h('td', {class: 'n'}, c.patients), h('td', {}, examples(c, res, openInWhatIf))))));
  } else {
    out.push(h('p', {}, 'No recommendation changes.'));
  }
  if (r.findings.length) {
    out.push(table('Finding transitions', ['finding', 'before', 'after', 'patients', 'examples'],
      r.findings.map((c) => h('tr', {}, h('td', {}, c.finding), h('td', {}, c.from || 'none'), h('td', {}, c.to || 'none'),
        h('td', {class: 'n'}, c.patients), h('td', {}, examples(c, res, openInWhatIf))))));
  }
  if (r.warnings.length) {
    out.push(table('Warning changes', ['warning', 'change', 'patients', 'examples'],
      r.warnings.map((c) => h('tr', {}, h('td', {}, c.code), h('td', {}, c.change), h('td', {class: 'n'}, c.patients),
        h('td', {}, examples(c, res, openInWhatIf))))));
  }
  if (r.ruleFiring.length) {
    out.push(table('Rules whose firing changed', ['rule', 'fired before', 'fired after', 'lost', 'gained'],
      r.ruleFiring.map((f) => h('tr', {}, h('td', {}, f.ruleId), h('td', {class: 'n'}, f.firedBefore), h('td', {class: 'n'}, f.firedAfter),
        h('td', {class: 'n'}, f.lost), h('td', {class: 'n'}, f.gained)))));
  }
  fill($('impact-result'), out);
}
