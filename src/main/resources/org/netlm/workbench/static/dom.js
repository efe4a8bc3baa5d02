// Small DOM helpers: every text goes in as text (never as HTML).

/** h('p', {class: 'x'}, 'text', child…): an element with attributes and children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Links for a citation: DOI and PubMed. */
export function citationLinks(c) {
  const parts = [c.label || c.key || ''];
  if (c.doi) parts.push(' ', h('a', {href: 'https://doi.org/' + encodeURI(c.doi), rel: 'noopener noreferrer', target: '_blank'}, 'DOI ' + c.doi));
  if (c.pmid) parts.push(' ', h('a', {href: 'https://pubmed.ncbi.nlm.nih.gov/' + encodeURIComponent(c.pmid) + '/', rel: 'noopener noreferrer', target: '_blank'}, 'PubMed ' + c.pmid));
  return parts;
}

/** "RADICAL_RESECTION" -> "radical resection". */
export function words(code) {
  return code ? String(code).toLowerCase().replaceAll('_', ' ') : '';
}
