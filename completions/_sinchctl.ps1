
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'sinchctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'sinchctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'sinchctl' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a callback body the way Sinch does and print the headers, a curl command or JSON')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the signature of a captured callback offline and explain why it fails')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive callbacks: verify signatures, refuse stale and replayed ones, stream statuses')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Send signed test callbacks (every kind, scenarios, broken ones, load) or check an endpoint')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Resend recorded callbacks (from `listen --record` or a raw capture) freshly signed, edited or verbatim')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send an SMS batch and print its id (alone on stdout)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a batch')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Show a batch''s delivery report (summary, or one recipient''s)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a batch that has not been sent yet')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run an offline Sinch SMS API on 127.0.0.1 that sends real signed callbacks')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'See the whole loop offline: sandbox, send, signed callbacks, verified by listen')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Create, change, show, check or locate the config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sinchctl;sign' {
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The body as text, used byte for byte')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the body from a file (''-'' for stdin), byte for byte; without --body or --body-file the body is read from stdin')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'Nonce to sign (default: a fresh 26-character ULID, like Sinch''s)')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Timestamp to sign, unix seconds (default: now)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Target URL for --format curl')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;verify' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header as "Name: value" (repeatable); takes precedence over --request')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header as "Name: value" (repeatable); takes precedence over --request')
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'A captured request (''-'' for stdin): raw HTTP/1.1 (as `nc -l` saves it), a JSON line of `listen --record`, or `sign --format json` output; supplies headers and body')
            [CompletionResult]::new('--line', '--line', [CompletionResultType]::ParameterName, 'Which record of a --request file holding several JSON lines (`listen --record` or --record-rejected) to verify, counting from 1 (1 to 10000000)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The body as text, used byte for byte')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the body from a file (''-'' for stdin), byte for byte; without --body or --body-file the body is read from stdin')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Reject timestamps further than this many seconds from now, either way (1 to 31536000, a year; for older captures use --ignore-time)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--ignore-time', '--ignore-time', [CompletionResultType]::ParameterName, 'Skip the timestamp check (for old captures)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the verdict as one JSON object on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;listen' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Address to bind; anything but loopback exposes the receiver beyond this machine')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to bind; 0 picks a free one (the first stderr line names it)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Serve only this path (others get 404); default: every path')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Reject timestamps further than this many seconds from now, either way (1 to 86400)')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest body accepted (bytes, or with KiB/MiB; 1B to 64MiB); larger ones get 413 unread')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'Time a client gets to send its request headers (100ms to 10m)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time a client gets to send its request body (100ms to 10m)')
            [CompletionResult]::new('--max-nonces', '--max-nonces', [CompletionResultType]::ParameterName, 'Most nonces remembered for replay detection (1 to 10000000); each is kept for its --max-age window. When it is full of nonces still inside their window, new callbacks get 503 (Sinch retries later) so a replay is never let through')
            [CompletionResult]::new('--max-tracked', '--max-tracked', [CompletionResultType]::ParameterName, 'Most messages tracked one by one (1 to 10000000); beyond it the final ones that finished first are only counted. From 8192 up the cap is split evenly over up to 16 parts (by message id), so one part can fill, fold or overflow a little before the total is reached')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Most connections open at once (1 to 1000000; default: from the open-file limit, with headroom). At the cap the oldest idle connection is closed to admit a new one')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Append every accepted callback (headers, raw body, time, verdict, status) to FILE as a JSON line before acknowledging it; if it cannot be written the answer is 503. Created with mode 0600 (an existing file is made 0600); must be a regular file, not a symbolic link. At most 4MiB of lines wait for the file; beyond that answers slow down')
            [CompletionResult]::new('--record-rejected', '--record-rejected', [CompletionResultType]::ParameterName, 'Append every request refused after its body was read (bad, stale or replayed signature) to FILE as a JSON line with its reason; `sinchctl verify --request` reads such a line to diagnose it')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Pass each accepted callback (raw body, signature headers) to this http(s) URL and answer with its status (`localhost:3000/hook` means http://). Redirects are not followed (502); the app''s answer is passed back up to 64KiB')
            [CompletionResult]::new('--forward-timeout', '--forward-timeout', [CompletionResultType]::ParameterName, 'Time the --forward-to app gets to answer (then 504; 100ms to 10m)')
            [CompletionResult]::new('--exit-after', '--exit-after', [CompletionResultType]::ParameterName, 'Exit 0 after N accepted callbacks (1 to 1000000000000)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Exit once every tracked message reached a final status')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop after this long (e.g. 90s, 5m; 100ms to 30 days); exit 5 if --exit-after/--until was not reached')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit non-zero at the end when this happened (repeatable)')
            [CompletionResult]::new('--ui-host', '--ui-host', [CompletionResultType]::ParameterName, 'Address of the dashboard; only loopback addresses are accepted (it shows phone numbers and message text)')
            [CompletionResult]::new('--ui-port', '--ui-port', [CompletionResultType]::ParameterName, 'Port of the dashboard, 0-65535 (0 picks a free one)')
            [CompletionResult]::new('--ngrok-api', '--ngrok-api', [CompletionResultType]::ParameterName, 'The ngrok agent API asked for the public URL of a tunnel to this port')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Accept every request without checking signatures (tinkering only; lines are marked UNVERIFIED)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per request on stdout (NDJSON), then a summary object. Either way at most 4MiB of output lines wait for a slow reader; beyond that answers slow down, and no line is dropped')
            [CompletionResult]::new('--fsync', '--fsync', [CompletionResultType]::ParameterName, 'fsync the record file before each acknowledgement. Concurrent callbacks share one write and one sync (group commit); grouping happens mainly with --fsync')
            [CompletionResult]::new('--ui', '--ui', [CompletionResultType]::ParameterName, 'Serve a live dashboard on 127.0.0.1 (its own port, never the callback port); its URL is printed on stderr')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the dashboard in the default browser')
            [CompletionResult]::new('--no-ngrok', '--no-ngrok', [CompletionResultType]::ParameterName, 'Do not ask an ngrok agent for the public URL')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;simulate' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The endpoint to send to (http or https)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time each request may take (1ms to 10m)')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Send this body (''-'' for stdin) instead of a generated one, signed byte for byte')
            [CompletionResult]::new('--batch-id', '--batch-id', [CompletionResultType]::ParameterName, 'Batch id (SMS) or message id (Conversation); default: a fresh Sinch-like id')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Recipient phone number')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Sender of an inbound message')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Destination of an inbound message (your number)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Delivery status (SMS: Delivered, Failed, ...; Conversation: DELIVERED, READ, FAILED, ...)')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Delivery code, a 32-bit integer (default: the code Sinch pairs with the status)')
            [CompletionResult]::new('--client-reference', '--client-reference', [CompletionResultType]::ParameterName, 'client_reference to echo (Conversation: metadata)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Event time, RFC 3339 (default: now, with milliseconds and Z)')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Text of an inbound message')
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'Send a sequence of callbacks instead of one')
            [CompletionResult]::new('--recipients', '--recipients', [CompletionResultType]::ParameterName, 'Recipients in the batch scenario (1 to 1000, like a batch)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Pause between the callbacks of a scenario (0 to 1h)')
            [CompletionResult]::new('--retry-scale', '--retry-scale', [CompletionResultType]::ParameterName, 'Multiply Sinch''s retry delays (5s, 10s, 20s, ...) by this in the retry scenario (0 to 100)')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Most resends in the retry scenario (0 to 20)')
            [CompletionResult]::new('--missing-header', '--missing-header', [CompletionResultType]::ParameterName, 'Negative case: leave out one header (signature, nonce, timestamp or algorithm)')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: what a correct endpoint answers)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Load: send N callbacks (1 to 100000000), each with a unique nonce')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Load: send for this long (1ms to 24h; with --count, whichever ends first)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Load: requests in flight at once (1 to 1024)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per request (and per check or summary) on stdout')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Print the body that would be sent on stdout (one per line for a scenario) and send nothing')
            [CompletionResult]::new('--tamper', '--tamper', [CompletionResultType]::ParameterName, 'Negative case: change the body after signing')
            [CompletionResult]::new('--wrong-secret', '--wrong-secret', [CompletionResultType]::ParameterName, 'Negative case: sign with a different secret')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Negative case: timestamp 1 hour old')
            [CompletionResult]::new('--future', '--future', [CompletionResultType]::ParameterName, 'Negative case: timestamp 1 hour ahead')
            [CompletionResult]::new('--replay', '--replay', [CompletionResultType]::ParameterName, 'Negative case: send the same signed request twice (the second must be refused)')
            [CompletionResult]::new('--no-signature', '--no-signature', [CompletionResultType]::ParameterName, 'Negative case: no signature headers')
            [CompletionResult]::new('--bad-algorithm', '--bad-algorithm', [CompletionResultType]::ParameterName, 'Negative case: algorithm header HmacSHA512')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('suite', 'suite', [CompletionResultType]::ParameterValue, 'Run the conformance checks against an endpoint and report each with the reason it matters')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sinchctl;simulate;suite' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The endpoint to send to (http or https)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time each request may take (1ms to 10m)')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Recipient phone number in the reports sent')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'The longest an acknowledgement may take (1ms to 1m)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write a JUnit XML report to FILE: one test case per check, or a single errored case "endpoint reachable" when nothing accepts a connection (exit 4)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per request (and per check or summary) on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;simulate;help' {
            [CompletionResult]::new('suite', 'suite', [CompletionResultType]::ParameterValue, 'Run the conformance checks against an endpoint and report each with the reason it matters')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sinchctl;simulate;help;suite' {
            break
        }
        'sinchctl;simulate;help;help' {
            break
        }
        'sinchctl;replay' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Resend the record at this position (1 for the first line, up to 10000000)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Resend the records whose callback id (batch or message id) or signature nonce is ID')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The endpoint (http or https; default: http://127.0.0.1:8080 plus the recorded path)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Edit the body before signing: a JSON pointer and a value (JSON if it parses, else a string), e.g. /status=Failed or /code=402. Repeatable. The edited body is written compactly')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: 2xx, with --verbatim 4xx)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time each request may take (1ms to 10m)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Resend every record, in file order')
            [CompletionResult]::new('--verbatim', '--verbatim', [CompletionResultType]::ParameterName, 'Resend the original headers untouched, signature and nonce included (a correct endpoint refuses it as a replay)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per request on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;send' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient in E.164 (repeatable or comma-separated; 1 to 1000)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Sender: number, short code or alphanumeric id (else SINCH_FROM, else the profile''s from)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The message text, sent as given')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the message from a file (''-'' for stdin) and drop one trailing newline; without --body or --body-file it is read from stdin the same way')
            [CompletionResult]::new('--delivery-report', '--delivery-report', [CompletionResultType]::ParameterName, 'Which delivery report callbacks Sinch sends')
            [CompletionResult]::new('--callback-url', '--callback-url', [CompletionResultType]::ParameterName, 'Where Sinch posts delivery reports for this batch')
            [CompletionResult]::new('--client-reference', '--client-reference', [CompletionResultType]::ParameterName, 'Your reference, echoed in delivery reports')
            [CompletionResult]::new('--send-at', '--send-at', [CompletionResultType]::ParameterName, 'When to send: RFC 3339 or relative like +10m')
            [CompletionResult]::new('--expire-at', '--expire-at', [CompletionResultType]::ParameterName, 'When to give up: RFC 3339 or relative like +1h')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Send only if the text fits in this many parts: 1 to 255')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --wait: give up after this long (exit 5): 1s to 24h')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'With --wait: time between polls: 10ms to 1h')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'SMS region (else SINCH_REGION, else the profile, else us)')
            [CompletionResult]::new('--service-plan-id', '--service-plan-id', [CompletionResultType]::ParameterName, 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time each API request may take: 1s to 10m')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--flash', '--flash', [CompletionResultType]::ParameterName, 'Show on screen without saving to the inbox')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Ask the API how it would send (recipients, parts, encoding) without sending')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Poll delivery reports until every recipient is final; exit 0 only if all are Delivered')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON answer on stdout instead of the usual output')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;status' {
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'SMS region (else SINCH_REGION, else the profile, else us)')
            [CompletionResult]::new('--service-plan-id', '--service-plan-id', [CompletionResultType]::ParameterName, 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time each API request may take: 1s to 10m')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON answer on stdout instead of the usual output')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;report' {
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'One recipient''s report instead of the batch summary')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'SMS region (else SINCH_REGION, else the profile, else us)')
            [CompletionResult]::new('--service-plan-id', '--service-plan-id', [CompletionResultType]::ParameterName, 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time each API request may take: 1s to 10m')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON answer on stdout instead of the usual output')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;cancel' {
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'SMS region (else SINCH_REGION, else the profile, else us)')
            [CompletionResult]::new('--service-plan-id', '--service-plan-id', [CompletionResultType]::ParameterName, 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time each API request may take: 1s to 10m')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON answer on stdout instead of the usual output')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;sandbox' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one; the first stderr line names it)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`')
            [CompletionResult]::new('--callback-url', '--callback-url', [CompletionResultType]::ParameterName, 'The service plan''s default callback URL: used by batches without their own callback_url and by inbound messages')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'Run this many times faster than Sinch (status steps of 1 s, retry delays of 5 s, 10 s, 20 s ...); 0.01 to 10000')
            [CompletionResult]::new('--token-ttl', '--token-ttl', [CompletionResultType]::ParameterName, 'Lifetime of the OAuth2 tokens it issues (1s to 24h)')
            [CompletionResult]::new('--credentials', '--credentials', [CompletionResultType]::ParameterName, 'Require these credentials instead of accepting any (repeatable): service-plan=ID:TOKEN or project=PROJECT_ID:KEY_ID:KEY_SECRET. Flag values are visible to other users (`ps`): give the sandbox made-up credentials, never real ones')
            [CompletionResult]::new('--max-batches', '--max-batches', [CompletionResultType]::ParameterName, 'Most batches kept; when full the oldest finished one is dropped (1 to 100000)')
            [CompletionResult]::new('--max-pending', '--max-pending', [CompletionResultType]::ParameterName, 'Most callbacks waiting to be sent, retries included; beyond it sends get 429 (1 to 1000000)')
            [CompletionResult]::new('--callback-timeout', '--callback-timeout', [CompletionResultType]::ParameterName, 'Time a receiver gets to answer one callback (100ms to 2m); no answer is retried')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per API call and callback attempt on stdout (NDJSON)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('inbound', 'inbound', [CompletionResultType]::ParameterValue, 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sinchctl;sandbox;inbound' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Sender''s phone number')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Your number or short code')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The message text')
            [CompletionResult]::new('--sandbox-url', '--sandbox-url', [CompletionResultType]::ParameterName, 'The running sandbox (else SINCH_SMS_BASE_URL, else http://127.0.0.1:8081)')
            [CompletionResult]::new('--callback-url', '--callback-url', [CompletionResultType]::ParameterName, 'Deliver to this URL instead of the sandbox''s --callback-url')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;sandbox;help' {
            [CompletionResult]::new('inbound', 'inbound', [CompletionResultType]::ParameterValue, 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sinchctl;sandbox;help;inbound' {
            break
        }
        'sinchctl;sandbox;help;help' {
            break
        }
        'sinchctl;demo' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up when not every message is final after this long (1s to 10m); the default keeps a failing demo under 10 seconds too')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'Sandbox speed (see `sinchctl sandbox --speed`); 0.01 to 10000')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile to the config file (mode 0600); prompts only on a terminal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every effective setting and where it came from (secrets redacted)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key in the profile, keeping the file''s comments and other keys')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one key''s effective value (secrets redacted) and its source on stderr')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one key from the profile, keeping the file''s comments and other keys')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Resolve the SMS credentials, show their sources and try them with one harmless request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sinchctl;config;init' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'SMS region: us (the default), eu, au, br or ca')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (OAuth2 mode)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Access key id (OAuth2 mode)')
            [CompletionResult]::new('--key-secret', '--key-secret', [CompletionResultType]::ParameterName, 'Access key secret (OAuth2 mode) (''-'' reads it from stdin)')
            [CompletionResult]::new('--service-plan-id', '--service-plan-id', [CompletionResultType]::ParameterName, 'Service plan id (API token mode)')
            [CompletionResult]::new('--api-token', '--api-token', [CompletionResultType]::ParameterName, 'API token (API token mode) (''-'' reads it from stdin)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Default sender: number, short code or name')
            [CompletionResult]::new('--webhook-secret', '--webhook-secret', [CompletionResultType]::ParameterName, 'Webhook HMAC secret: signs and verifies callbacks (''-'' reads it from stdin)')
            [CompletionResult]::new('--sms-base-url', '--sms-base-url', [CompletionResultType]::ParameterName, 'SMS API host override (tests, proxies)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'OAuth2 token URL override')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--webhook-secret-stdin', '--webhook-secret-stdin', [CompletionResultType]::ParameterName, 'Read the webhook secret from stdin (the first line)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the profile if it already exists')
            [CompletionResult]::new('--make-default', '--make-default', [CompletionResultType]::ParameterName, 'Also make this profile the file''s default_profile (else the default stays as it is: the file''s default_profile, or "default")')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;config;set' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;config;get' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;config;unset' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;config;check' {
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'SMS region (else SINCH_REGION, else the profile, else us)')
            [CompletionResult]::new('--service-plan-id', '--service-plan-id', [CompletionResultType]::ParameterName, 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time each API request may take: 1s to 10m')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON answer on stdout instead of the usual output')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;config;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile to the config file (mode 0600); prompts only on a terminal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every effective setting and where it came from (secrets redacted)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key in the profile, keeping the file''s comments and other keys')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one key''s effective value (secrets redacted) and its source on stderr')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one key from the profile, keeping the file''s comments and other keys')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Resolve the SMS credentials, show their sources and try them with one harmless request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sinchctl;config;help;init' {
            break
        }
        'sinchctl;config;help;show' {
            break
        }
        'sinchctl;config;help;path' {
            break
        }
        'sinchctl;config;help;set' {
            break
        }
        'sinchctl;config;help;get' {
            break
        }
        'sinchctl;config;help;unset' {
            break
        }
        'sinchctl;config;help;check' {
            break
        }
        'sinchctl;config;help;help' {
            break
        }
        'sinchctl;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (default: the file''s default_profile, else "default")')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr (never secrets)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sinchctl;help' {
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a callback body the way Sinch does and print the headers, a curl command or JSON')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the signature of a captured callback offline and explain why it fails')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive callbacks: verify signatures, refuse stale and replayed ones, stream statuses')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Send signed test callbacks (every kind, scenarios, broken ones, load) or check an endpoint')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Resend recorded callbacks (from `listen --record` or a raw capture) freshly signed, edited or verbatim')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send an SMS batch and print its id (alone on stdout)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a batch')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Show a batch''s delivery report (summary, or one recipient''s)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a batch that has not been sent yet')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run an offline Sinch SMS API on 127.0.0.1 that sends real signed callbacks')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'See the whole loop offline: sandbox, send, signed callbacks, verified by listen')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Create, change, show, check or locate the config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sinchctl;help;sign' {
            break
        }
        'sinchctl;help;verify' {
            break
        }
        'sinchctl;help;listen' {
            break
        }
        'sinchctl;help;simulate' {
            [CompletionResult]::new('suite', 'suite', [CompletionResultType]::ParameterValue, 'Run the conformance checks against an endpoint and report each with the reason it matters')
            break
        }
        'sinchctl;help;simulate;suite' {
            break
        }
        'sinchctl;help;replay' {
            break
        }
        'sinchctl;help;send' {
            break
        }
        'sinchctl;help;status' {
            break
        }
        'sinchctl;help;report' {
            break
        }
        'sinchctl;help;cancel' {
            break
        }
        'sinchctl;help;sandbox' {
            [CompletionResult]::new('inbound', 'inbound', [CompletionResultType]::ParameterValue, 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL')
            break
        }
        'sinchctl;help;sandbox;inbound' {
            break
        }
        'sinchctl;help;demo' {
            break
        }
        'sinchctl;help;config' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile to the config file (mode 0600); prompts only on a terminal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every effective setting and where it came from (secrets redacted)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key in the profile, keeping the file''s comments and other keys')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one key''s effective value (secrets redacted) and its source on stderr')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one key from the profile, keeping the file''s comments and other keys')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Resolve the SMS credentials, show their sources and try them with one harmless request')
            break
        }
        'sinchctl;help;config;init' {
            break
        }
        'sinchctl;help;config;show' {
            break
        }
        'sinchctl;help;config;path' {
            break
        }
        'sinchctl;help;config;set' {
            break
        }
        'sinchctl;help;config;get' {
            break
        }
        'sinchctl;help;config;unset' {
            break
        }
        'sinchctl;help;config;check' {
            break
        }
        'sinchctl;help;completions' {
            break
        }
        'sinchctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
