/**
 * Removes secrets (App Secret, access tokens, user-info in URLs) from any text that may reach the
 * user or a log. Shared by the credential and the node; pure, no n8n imports.
 */

const SECRET_PATTERNS: RegExp[] = [
	/(access_token=)[^&\s"'<>]+/gi,
	/(secret=)[^&\s"'<>]+/gi,
	/("access_token"\s*:\s*")[^"]*/gi,
	/("secret"\s*:\s*")[^"]*/gi,
	/("appSecret"\s*:\s*")[^"]*/gi,
	/("accessToken"\s*:\s*")[^"]*/gi,
];
/** user:password@ in any URL (how forward proxies are authenticated). */
const URL_USER_INFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@"'<>]*@/gi;

/** Secrets shorter than this are not replaced by value (they would match ordinary text). */
export const MIN_SECRET_LENGTH = 6;

export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('***');
	}
	for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '$1***');
	return out.replace(URL_USER_INFO, '$1');
}

/** Redacts first, then shortens: cutting first could leave most of a secret that no longer matches. */
export function redactAndClip(text: string, secrets: ReadonlyArray<string | undefined>, maxLength: number): string {
	const clean = redact(text, secrets);
	return clean.length <= maxLength ? clean : `${clean.slice(0, maxLength)}…`;
}
