#!/usr/bin/env node
/**
 * npm run demo: starts the built-in WeChat simulator on 127.0.0.1, runs an example workflow
 * (the built package inside n8n's engine) and prints the rows it outputs as a table.
 *   node test/demo/run-demo.js [operation] [dateRange | YYYY-MM-DD YYYY-MM-DD]
 *   e.g. node test/demo/run-demo.js getWeekly 2024-01-01 2024-03-31
 */
const { engineWithSimulator } = require('../../scripts/lib/engine');
const { isTokenCall, isDatacubeCall } = require('../../scripts/lib/simulator');

function table(rows, columns) {
	const widths = columns.map((column) =>
		Math.max(column.length, ...rows.map((row) => String(row[column] ?? '').length)),
	);
	const line = (cells) => cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join('  ');
	return [
		line(columns),
		line(widths.map((w) => '-'.repeat(w))),
		...rows.map((row) => line(columns.map((c) => row[c]))),
	].join('\n');
}

async function main() {
	const [operation = 'getDaily', rangeOrBegin = 'last7Days', end] = process.argv.slice(2);
	const parameters = end
		? { operation, dateRange: 'custom', beginDate: rangeOrBegin, endDate: end }
		: { operation, dateRange: rangeOrBegin };
	const { sim, engine, run, close } = await engineWithSimulator();
	try {
		console.log(`WeChat simulator on ${sim.url}; n8n engine loaded ${engine.nodeTypes.join(', ')}`);
		console.log(`Workflow: Input -> WeChat Official Account (${JSON.stringify(parameters)})\n`);
		const started = Date.now();
		const result = await run(parameters);
		if (result.error) {
			console.error(`The node failed: ${result.error.message}\n${result.error.description ?? ''}`);
			process.exitCode = 1;
			return;
		}
		const rows = result.data.WeChat.map((item) => item.json);
		const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
		console.log(table(rows, columns));
		const log = await sim.log();
		const datacube = log.filter(isDatacubeCall);
		const tokens = log.filter(isTokenCall);
		console.log(
			`\n${rows.length} items from ${datacube.length} datacube request(s) and ${tokens.length} token request(s) in ${Date.now() - started} ms.`,
		);
	} finally {
		await close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
