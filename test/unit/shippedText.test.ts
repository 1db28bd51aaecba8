/**
 * Nothing that ships (the sources of nodes/ and credentials/, their texts and comments) refers to the
 * project's internal papers: issue numbers, section marks of the reference notes, their paths, or
 * notes left for a reviewer.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..', '..');
const INTERNAL = [
	/\bissue\s*#?\d/i,
	/§/,
	/shared\/reference/i,
	/WECHAT-(DATACUBE|2026)|DATACUBE-MORE/,
	/<!--\s*lead/i,
	/\breview(er)? note/i,
];

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

it('nodes/ and credentials/ name no issue, reference section or internal path', () => {
	const shipped = [...files(join(ROOT, 'nodes')), ...files(join(ROOT, 'credentials'))].filter((file) =>
		/\.(ts|json)$/.test(file),
	);
	expect(shipped.length).toBeGreaterThan(30);
	const found = shipped.flatMap((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.flatMap((line, index) =>
				INTERNAL.some((pattern) => pattern.test(line)) ? [`${relative(ROOT, file)}:${index + 1}: ${line.trim()}`] : [],
			),
	);
	expect(found).toEqual([]);
});
