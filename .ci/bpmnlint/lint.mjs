// Lints every processes/*.bpmn with the rules of the .bpmnlintrc at the repository root.
// The bpmnlint CLI reads the models without the Zeebe and Modeler extensions unless the config
// names them, so this script builds the moddle itself and keeps .bpmnlintrc as Modeler reads it.
// Exits non-zero on any error (parse errors and import warnings count as errors, as in the CLI).
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const zeebeModdle = require('zeebe-bpmn-moddle/resources/zeebe.json');
const modelerModdle = require('modeler-moddle/resources/modeler.json');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const processesDir = path.join(root, 'processes');
const config = JSON.parse(await readFile(path.join(root, '.bpmnlintrc'), 'utf8'));

const moddle = new BpmnModdle({ zeebe: zeebeModdle, modeler: modelerModdle });
const linter = new Linter({ config, resolver: new NodeResolver({ require }) });

const files = (await readdir(processesDir)).filter((name) => name.endsWith('.bpmn')).sort();
if (files.length === 0) {
  console.error(`No BPMN files in ${processesDir}`);
  process.exit(1);
}

let errors = 0;
let warnings = 0;

for (const file of files) {
  const xml = await readFile(path.join(processesDir, file), 'utf8');
  const findings = [];

  let rootElement;
  try {
    const result = await moddle.fromXML(xml, 'bpmn:Definitions');
    rootElement = result.rootElement;
    for (const warning of result.warnings) {
      findings.push({ rule: 'import', id: warning.element && warning.element.id, message: warning.message.split('\n')[0], category: 'error' });
    }
  } catch (error) {
    findings.push({ rule: 'parse', message: error.message, category: 'error' });
  }

  if (rootElement) {
    const reports = await linter.lint(rootElement);
    for (const [rule, ruleReports] of Object.entries(reports)) {
      for (const report of ruleReports) {
        findings.push({ rule, id: report.id, message: report.message, category: report.category });
      }
    }
  }

  for (const finding of findings) {
    if (finding.category === 'error') {
      errors++;
    } else {
      warnings++;
    }
    console.log(`processes/${file}  ${finding.category.padEnd(7)}  ${(finding.id || '').padEnd(32)}  ${finding.message}  (${finding.rule})`);
  }
  if (findings.length === 0) {
    console.log(`processes/${file}  ok`);
  }
}

console.log(`bpmnlint: ${files.length} file(s), ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors > 0 ? 1 : 0);
