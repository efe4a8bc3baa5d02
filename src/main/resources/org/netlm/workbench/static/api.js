// The workbench's JSON API. Every error comes in one shape: {error: {status, code, message, problems: [{field, reason}]}}.

export class ApiError extends Error {
  constructor(error) {
    super(error.message);
    this.status = error.status;
    this.code = error.code;
    this.problems = error.problems || [];
  }
}

async function call(method, path, body, type = 'application/json') {
  const init = {method, headers: {}};
  if (body !== undefined) {
    init.headers['Content-Type'] = type;
    init.body = type === 'application/json' ? JSON.stringify(body) : body;
  }
  const res = await fetch(path, init);
  const data = await res.json();
  if (!res.ok) throw new ApiError(data.error || {status: res.status, code: 'HTTP_' + res.status, message: res.statusText});
  return data;
}

export const api = {
  info: () => call('GET', '/api/info'),
  fields: () => call('GET', '/api/patient-fields'),
  examples: () => call('GET', '/api/examples'),
  assess: (patient) => call('POST', '/api/assess', patient),
  importPatient: (format, text) => call('POST', '/api/patient/import', {format, text}),
  scenario: (name, patient) => call('POST', '/api/scenario', {name, patient}),
  rules: () => call('GET', '/api/rules'),
  readFile: (path) => call('GET', '/api/rules/file?path=' + encodeURIComponent(path)),
  writeFile: (path, content) => call('PUT', '/api/rules/file?path=' + encodeURIComponent(path), content, 'text/plain; charset=utf-8'),
  catalog: () => call('GET', '/api/catalog'),
  impact: (against) => call('POST', '/api/impact', {against}),
};
