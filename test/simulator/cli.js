#!/usr/bin/env node
'use strict';
// Standalone WeChat API simulator. Prints one JSON line {"url","appId","appSecret"} when listening.
//   node test/simulator/cli.js --port 8787 [--latency 40] [--app-id X --app-secret Y]
//     [--now 2024-12-01T10:00:00+08:00]  clock starts at this instant and keeps running
//     [--expire-every N] [--fault-rate 0.1 --fault-seed 1 --fault-kinds busy,minuteQuota,http500,nonJson,reset]
//     [--force-errcode 48001] [--not-whitelisted] [--shuffle] [--span getupstreammsgdistweek=15] [--verbose]
//     [--ready-hour 8] [--account wxId:secret]... [--caller-ip 203.0.113.7] [--classic-grace-ms 0]
//     [--token-errcode 45011] [--echo-secrets errmsg|html|redirect] [--is-delay latest|YYYY-MM-DD,...]
//     [--serve-retired]  the retired classic article APIs serve rows (default: 47009, as WeChat)
//     [--options '{"lateInvalid":{"times":1}}']  any start options as JSON (merged last)
// Stops cleanly on SIGINT / SIGTERM. Control routes: see control.js.

const { startSimulator, SIM_DEFAULTS } = require('./index');

const USAGE = `usage: node test/simulator/cli.js [--port 8787] [--latency MS] [--app-id ID] [--app-secret S]
  [--now ISO] [--ttl SECONDS] [--expire-every N] [--fault-rate R] [--fault-seed S] [--fault-kinds a,b]
  [--force-errcode N] [--not-whitelisted] [--shuffle] [--span NAME=DAYS]... [--verbose]
  [--ready-hour H] [--account ID:SECRET]... [--caller-ip IP] [--classic-grace-ms MS] [--token-errcode N]
  [--echo-secrets errmsg|html|redirect] [--is-delay latest|YYYY-MM-DD,...] [--serve-retired] [--options JSON]`;

function fail(msg) {
	process.stderr.write(`${msg}\n${USAGE}\n`);
	process.exit(2);
}

function num(v, flag) {
	const n = Number(v);
	if (v === undefined || !Number.isFinite(n)) fail(`${flag} needs a number`);
	return n;
}

function parseArgs(argv) {
	const o = { port: 8787, spans: {}, faults: { ...SIM_DEFAULTS.faults }, accounts: [] };
	let extra = {};
	let verbose = false;
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const next = () => argv[++i];
		switch (flag) {
			case '--port':
				o.port = num(next(), flag);
				break;
			case '--latency':
				o.latencyMs = num(next(), flag);
				break;
			case '--app-id':
				o.appId = next();
				break;
			case '--app-secret':
				o.appSecret = next();
				break;
			case '--ttl':
				o.tokenTtlSeconds = num(next(), flag);
				break;
			case '--expire-every':
				o.expireTokenEvery = num(next(), flag);
				break;
			case '--fault-rate':
				o.faults.rate = num(next(), flag);
				break;
			case '--fault-seed':
				o.faults.seed = num(next(), flag);
				break;
			case '--fault-kinds':
				o.faults.kinds = String(next() || '')
					.split(',')
					.filter(Boolean);
				break;
			case '--force-errcode':
				o.forceErrcode = num(next(), flag);
				break;
			case '--not-whitelisted':
				o.ipWhitelisted = false;
				break;
			case '--shuffle':
				o.shuffle = true;
				break;
			case '--serve-retired':
				o.serveRetired = true;
				break;
			case '--verbose':
				verbose = true;
				break;
			case '--ready-hour':
				o.readyHour = num(next(), flag);
				break;
			case '--caller-ip':
				o.callerIp = next();
				break;
			case '--classic-grace-ms':
				o.classicGraceMs = num(next(), flag);
				break;
			case '--token-errcode':
				o.tokenErrcode = num(next(), flag);
				break;
			case '--echo-secrets':
				o.echoSecrets = next();
				break;
			case '--is-delay': {
				const v = String(next() || '');
				o.isDelay = v === 'latest' ? 'latest' : v.split(',').filter(Boolean);
				break;
			}
			case '--account': {
				const v = String(next() || '');
				const i = v.indexOf(':');
				if (i < 1) fail('--account needs ID:SECRET');
				o.accounts.push({ appId: v.slice(0, i), appSecret: v.slice(i + 1) });
				break;
			}
			case '--options':
				try {
					extra = JSON.parse(next());
				} catch {
					fail('--options needs a JSON object');
				}
				break;
			case '--span': {
				const [name, days] = String(next() || '').split('=');
				o.spans[name] = num(days, flag);
				break;
			}
			case '--now': {
				const start = Date.parse(next());
				if (!Number.isFinite(start)) fail('--now needs an ISO date-time');
				const t0 = Date.now();
				o.now = () => start + (Date.now() - t0);
				break;
			}
			case '--help':
			case '-h':
				process.stdout.write(`${USAGE}\n`);
				process.exit(0);
				break;
			default:
				fail(`unknown argument ${flag}`);
		}
	}
	return { options: { ...o, ...extra }, verbose };
}

async function main() {
	const { options, verbose } = parseArgs(process.argv.slice(2));
	const sim = await startSimulator(options);
	process.stdout.write(JSON.stringify({ url: sim.url, appId: sim.appId, appSecret: sim.appSecret }) + '\n');
	if (verbose) {
		const push = sim.log.push.bind(sim.log);
		sim.log.push = (...recs) => {
			for (const r of recs)
				process.stderr.write(
					`${r.method} ${r.path} -> ${r.status} errcode=${r.errcode} rows=${r.rows}${r.fault ? ' fault=' + r.fault : ''}\n`,
				);
			return push(...recs);
		};
	}
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => fail(String(err && err.message ? err.message : err)));
