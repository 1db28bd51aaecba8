/** The package's tarball, installed into a fresh user folder the way n8n installs a community package. */
const fs = require('node:fs');
const path = require('node:path');
const { run } = require('../../../scripts/lib/processes');
const { cleanEnv, installTarball } = require('../../../scripts/lib/n8nApp');
const { check, info } = require('../lib/report');

const BUILT = [
	'dist/nodes/WeChatOfficialAccount/WeChatOfficialAccount.node.js',
	'dist/credentials/WeChatOfficialAccountApi.credentials.js',
];

module.exports = {
	steps: [
		{
			title: 'npm pack the package (dist/ as built by npm run build)',
			async run(ctx) {
				for (const file of BUILT) {
					if (!fs.existsSync(path.join(ctx.ROOT, file)))
						ctx.stop('the package is built', `${file} is missing: run npm run build (npm run test:e2e does)`);
				}
				const packDir = path.join(ctx.tmp, 'pack');
				fs.mkdirSync(packDir);
				const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], {
					cwd: ctx.ROOT,
					env: cleanEnv(),
				});
				if (pack.code !== 0) ctx.stop('npm pack', ctx.tail(pack.stderr));
				const packed = JSON.parse(pack.stdout)[0];
				ctx.tarball = path.join(packDir, packed.filename);
				ctx.manifest = JSON.parse(fs.readFileSync(path.join(ctx.ROOT, 'package.json'), 'utf8'));
				check('the tarball holds every node and credential that package.json declares to n8n', () => {
					const files = new Set(packed.files.map((f) => f.path));
					const missing = [...ctx.manifest.n8n.nodes, ...ctx.manifest.n8n.credentials].filter(
						(file) => !files.has(file),
					);
					if (missing.length) return `missing from the tarball: ${missing.join(', ')}`;
				});
				return `${packed.filename}, ${packed.files.length} files, ${Math.round(packed.size / 1024)} kB`;
			},
		},
		{
			title: 'install the tarball as n8n installs a community package, into a fresh N8N_USER_FOLDER',
			async run(ctx) {
				const installed = await installTarball({ tarball: ctx.tarball, userFolder: ctx.userFolder, env: ctx.env });
				info(
					`${path.relative(ctx.userFolder, installed.dest)}: dropped ${installed.dropped.join(', ')}; npm: ${installed.npmOutput.split('\n').pop()}`,
				);
				check('the installed package has its runtime dependencies and no n8n-workflow of its own', () => {
					for (const dep of Object.keys(ctx.manifest.dependencies || {})) {
						if (!fs.existsSync(path.join(installed.dest, 'node_modules', dep, 'package.json')))
							return `${dep} was not installed`;
					}
					if (fs.existsSync(path.join(installed.dest, 'node_modules', 'n8n-workflow')))
						return 'n8n-workflow was installed (it must come from n8n)';
					if (!installed.dropped.includes('devDependencies') || !installed.dropped.includes('peerDependencies'))
						return `dropped only ${installed.dropped}`;
				});
			},
		},
	],
};
