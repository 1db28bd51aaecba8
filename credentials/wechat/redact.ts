/** Removes secrets (App Secret, access_token) from any text that may reach the user or a log. */

const SECRET_PATTERNS: RegExp[] = [
	/(access_token=)[^&\s"']+/gi,
	/(secret=)[^&\s"']+/gi,
	/("access_token"\s*:\s*")[^"]*/gi,
	/("secret"\s*:\s*")[^"]*/gi,
	/("appSecret"\s*:\s*")[^"]*/gi,
	/("accessToken"\s*:\s*")[^"]*/gi,
];

export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 6) out = out.split(secret).join('***');
	}
	for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '$1***');
	return out;
}
