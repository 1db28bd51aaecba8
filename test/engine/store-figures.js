#!/usr/bin/env node
'use strict';
/**
 * The deduplication store's size after 30 daily "Since Last Run" runs, in n8n's engine on the store as n8n keeps
 * it (processed-data.js), for a built package (default: this repository; pass another built copy to compare):
 *
 *   node test/engine/store-figures.js [packageDir]
 *
 * Workflows: Input → WeChat (Get Daily, Since Last Run, defaults) → Destination → Confirm Delivery, and the same
 * without Confirm Delivery. Runs at 09:00 China time on 30 consecutive days, each starting without static data (a
 * queue-mode worker) and again with the static data carried (regular mode). Prints rows and values of
 * processed_data, and the store requests of the last run.
 */
const path = require('node:path');
const { createEngine } = require('./harness');
const { startSimulator } = require('../simulator');
const { setSimCredential } = require('./sim-helpers');
const { sinceLastRunWorkflow } = require('./since-last-run-workflow');
const { N8nInstance, addDays } = require('./n8n-instance');

async function main() {
	const packageDir = path.resolve(process.argv[2] || path.join(__dirname, '..', '..'));
	const realNow = Date.now.bind(Date);
	let offset = 0;
	Date.now = () => realNow() + offset;
	const sim = await startSimulator({ now: () => Date.now() });
	const engine = await createEngine({ packageDir });
	setSimCredential(engine, sim);
	console.log(`package: ${packageDir}`);
	for (const queue of [true, false]) {
		for (const confirm of [true, false]) {
			const n8n = new N8nInstance({ queue });
			let last;
			let delivered = 0;
			for (let i = 0; i < 30; i++) {
				offset = Date.parse(`${addDays('2026-11-01', i)}T09:00:00+08:00`) - realNow();
				n8n.processedData.resetOperations();
				last = await n8n.run(engine, sinceLastRunWorkflow({ id: 'workflow-1', confirm, lookbackDays: null }));
				if (last.error) throw new Error(`run ${i + 1}: ${last.error.message}`);
				delivered += (last.data.WeChat ?? []).length;
			}
			const { rows, values } = n8n.processedData.size();
			const ops = n8n.processedData.operations;
			console.log(
				`${queue ? 'queue mode' : 'regular mode'}, ${confirm ? 'with' : 'without'} Confirm Delivery: after 30 daily runs ` +
					`processed_data holds ${rows} row(s), ${values} values; ${delivered} rows delivered; ` +
					`last run: ${ops.find} reads, ${ops.insert + ops.update + ops.delete} writes of the store`,
			);
		}
	}
	await sim.close();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
