
use builtin;
use str;

set edit:completion:arg-completer[sinchctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'sinchctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'sinchctl'= {
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sign 'Sign a callback body the way Sinch does and print the headers, a curl command or JSON'
            cand verify 'Check the signature of a captured callback offline and explain why it fails'
            cand listen 'Receive callbacks: verify signatures, refuse stale and replayed ones, stream statuses'
            cand simulate 'Send signed test callbacks (every kind, scenarios, broken ones, load) or check an endpoint'
            cand replay 'Resend recorded callbacks (from `listen --record` or a raw capture) freshly signed, edited or verbatim'
            cand send 'Send an SMS batch and print its id (alone on stdout)'
            cand status 'Show a batch'
            cand report 'Show a batch''s delivery report (summary, or one recipient''s)'
            cand cancel 'Cancel a batch that has not been sent yet'
            cand sandbox 'Run an offline Sinch SMS API on 127.0.0.1 that sends real signed callbacks'
            cand demo 'See the whole loop offline: sandbox, send, signed callbacks, verified by listen'
            cand config 'Create, change, show, check or locate the config file'
            cand completions 'Print a shell completion script to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sinchctl;sign'= {
            cand --body 'The body as text, used byte for byte'
            cand --body-file 'Read the body from a file (''-'' for stdin), byte for byte; without --body or --body-file the body is read from stdin'
            cand --secret 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`'
            cand --nonce 'Nonce to sign (default: a fresh 26-character ULID, like Sinch''s)'
            cand --timestamp 'Timestamp to sign, unix seconds (default: now)'
            cand --format 'Output format'
            cand --url 'Target URL for --format curl'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;verify'= {
            cand -H 'A request header as "Name: value" (repeatable); takes precedence over --request'
            cand --header 'A request header as "Name: value" (repeatable); takes precedence over --request'
            cand --request 'A captured request (''-'' for stdin): raw HTTP/1.1 (as `nc -l` saves it), a JSON line of `listen --record`, or `sign --format json` output; supplies headers and body'
            cand --line 'Which record of a --request file holding several JSON lines (`listen --record` or --record-rejected) to verify, counting from 1 (1 to 10000000)'
            cand --body 'The body as text, used byte for byte'
            cand --body-file 'Read the body from a file (''-'' for stdin), byte for byte; without --body or --body-file the body is read from stdin'
            cand --secret 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`'
            cand --max-age 'Reject timestamps further than this many seconds from now, either way (1 to 31536000, a year; for older captures use --ignore-time)'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --ignore-time 'Skip the timestamp check (for old captures)'
            cand --json 'Print the verdict as one JSON object on stdout'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;listen'= {
            cand --host 'Address to bind; anything but loopback exposes the receiver beyond this machine'
            cand --port 'Port to bind; 0 picks a free one (the first stderr line names it)'
            cand --path 'Serve only this path (others get 404); default: every path'
            cand --secret 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`'
            cand --max-age 'Reject timestamps further than this many seconds from now, either way (1 to 86400)'
            cand --max-body 'Largest body accepted (bytes, or with KiB/MiB; 1B to 64MiB); larger ones get 413 unread'
            cand --header-timeout 'Time a client gets to send its request headers (100ms to 10m)'
            cand --request-timeout 'Time a client gets to send its request body (100ms to 10m)'
            cand --max-nonces 'Most nonces remembered for replay detection (1 to 10000000); each is kept for its --max-age window. When it is full of nonces still inside their window, new callbacks get 503 (Sinch retries later) so a replay is never let through'
            cand --max-tracked 'Most messages tracked one by one (1 to 10000000); beyond it the final ones that finished first are only counted. From 8192 up the cap is split evenly over up to 16 parts (by message id), so one part can fill, fold or overflow a little before the total is reached'
            cand --max-connections 'Most connections open at once (1 to 1000000; default: from the open-file limit, with headroom). At the cap the oldest idle connection is closed to admit a new one'
            cand --record 'Append every accepted callback (headers, raw body, time, verdict, status) to FILE as a JSON line before acknowledging it; if it cannot be written the answer is 503. Created with mode 0600 (an existing file is made 0600); must be a regular file, not a symbolic link. At most 4MiB of lines wait for the file; beyond that answers slow down'
            cand --record-rejected 'Append every request refused after its body was read (bad, stale or replayed signature) to FILE as a JSON line with its reason; `sinchctl verify --request` reads such a line to diagnose it'
            cand --forward-to 'Pass each accepted callback (raw body, signature headers) to this http(s) URL and answer with its status (`localhost:3000/hook` means http://). Redirects are not followed (502); the app''s answer is passed back up to 64KiB'
            cand --forward-timeout 'Time the --forward-to app gets to answer (then 504; 100ms to 10m)'
            cand --exit-after 'Exit 0 after N accepted callbacks (1 to 1000000000000)'
            cand --until 'Exit once every tracked message reached a final status'
            cand --timeout 'Stop after this long (e.g. 90s, 5m; 100ms to 30 days); exit 5 if --exit-after/--until was not reached'
            cand --fail-on 'Exit non-zero at the end when this happened (repeatable)'
            cand --ui-host 'Address of the dashboard; only loopback addresses are accepted (it shows phone numbers and message text)'
            cand --ui-port 'Port of the dashboard, 0-65535 (0 picks a free one)'
            cand --ngrok-api 'The ngrok agent API asked for the public URL of a tunnel to this port'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --no-verify 'Accept every request without checking signatures (tinkering only; lines are marked UNVERIFIED)'
            cand --json 'Print one JSON object per request on stdout (NDJSON), then a summary object. Either way at most 4MiB of output lines wait for a slow reader; beyond that answers slow down, and no line is dropped'
            cand --fsync 'fsync the record file before each acknowledgement. Concurrent callbacks share one write and one sync (group commit); grouping happens mainly with --fsync'
            cand --ui 'Serve a live dashboard on 127.0.0.1 (its own port, never the callback port); its URL is printed on stderr'
            cand --open 'Open the dashboard in the default browser'
            cand --no-ngrok 'Do not ask an ngrok agent for the public URL'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;simulate'= {
            cand --url 'The endpoint to send to (http or https)'
            cand --secret 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`'
            cand --timeout 'Time each request may take (1ms to 10m)'
            cand --body-file 'Send this body (''-'' for stdin) instead of a generated one, signed byte for byte'
            cand --batch-id 'Batch id (SMS) or message id (Conversation); default: a fresh Sinch-like id'
            cand --recipient 'Recipient phone number'
            cand --from 'Sender of an inbound message'
            cand --to 'Destination of an inbound message (your number)'
            cand --status 'Delivery status (SMS: Delivered, Failed, ...; Conversation: DELIVERED, READ, FAILED, ...)'
            cand --code 'Delivery code, a 32-bit integer (default: the code Sinch pairs with the status)'
            cand --client-reference 'client_reference to echo (Conversation: metadata)'
            cand --at 'Event time, RFC 3339 (default: now, with milliseconds and Z)'
            cand --text 'Text of an inbound message'
            cand --scenario 'Send a sequence of callbacks instead of one'
            cand --recipients 'Recipients in the batch scenario (1 to 1000, like a batch)'
            cand --delay 'Pause between the callbacks of a scenario (0 to 1h)'
            cand --retry-scale 'Multiply Sinch''s retry delays (5s, 10s, 20s, ...) by this in the retry scenario (0 to 100)'
            cand --max-retries 'Most resends in the retry scenario (0 to 20)'
            cand --missing-header 'Negative case: leave out one header (signature, nonce, timestamp or algorithm)'
            cand --expect 'What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: what a correct endpoint answers)'
            cand --count 'Load: send N callbacks (1 to 100000000), each with a unique nonce'
            cand --duration 'Load: send for this long (1ms to 24h; with --count, whichever ends first)'
            cand --concurrency 'Load: requests in flight at once (1 to 1024)'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --json 'Print one JSON object per request (and per check or summary) on stdout'
            cand --print 'Print the body that would be sent on stdout (one per line for a scenario) and send nothing'
            cand --tamper 'Negative case: change the body after signing'
            cand --wrong-secret 'Negative case: sign with a different secret'
            cand --stale 'Negative case: timestamp 1 hour old'
            cand --future 'Negative case: timestamp 1 hour ahead'
            cand --replay 'Negative case: send the same signed request twice (the second must be refused)'
            cand --no-signature 'Negative case: no signature headers'
            cand --bad-algorithm 'Negative case: algorithm header HmacSHA512'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand suite 'Run the conformance checks against an endpoint and report each with the reason it matters'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sinchctl;simulate;suite'= {
            cand --url 'The endpoint to send to (http or https)'
            cand --secret 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`'
            cand --timeout 'Time each request may take (1ms to 10m)'
            cand --recipient 'Recipient phone number in the reports sent'
            cand --budget 'The longest an acknowledgement may take (1ms to 1m)'
            cand --junit 'Also write a JUnit XML report to FILE: one test case per check, or a single errored case "endpoint reachable" when nothing accepts a connection (exit 4)'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --json 'Print one JSON object per request (and per check or summary) on stdout'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;simulate;help'= {
            cand suite 'Run the conformance checks against an endpoint and report each with the reason it matters'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sinchctl;simulate;help;suite'= {
        }
        &'sinchctl;simulate;help;help'= {
        }
        &'sinchctl;replay'= {
            cand --index 'Resend the record at this position (1 for the first line, up to 10000000)'
            cand --id 'Resend the records whose callback id (batch or message id) or signature nonce is ID'
            cand --url 'The endpoint (http or https; default: http://127.0.0.1:8080 plus the recorded path)'
            cand --secret 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`'
            cand --set 'Edit the body before signing: a JSON pointer and a value (JSON if it parses, else a string), e.g. /status=Failed or /code=402. Repeatable. The edited body is written compactly'
            cand --expect 'What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: 2xx, with --verbatim 4xx)'
            cand --timeout 'Time each request may take (1ms to 10m)'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --all 'Resend every record, in file order'
            cand --verbatim 'Resend the original headers untouched, signature and nonce included (a correct endpoint refuses it as a replay)'
            cand --json 'Print one JSON object per request on stdout'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;send'= {
            cand --to 'Recipient in E.164 (repeatable or comma-separated; 1 to 1000)'
            cand --from 'Sender: number, short code or alphanumeric id (else SINCH_FROM, else the profile''s from)'
            cand --body 'The message text, sent as given'
            cand --body-file 'Read the message from a file (''-'' for stdin) and drop one trailing newline; without --body or --body-file it is read from stdin the same way'
            cand --delivery-report 'Which delivery report callbacks Sinch sends'
            cand --callback-url 'Where Sinch posts delivery reports for this batch'
            cand --client-reference 'Your reference, echoed in delivery reports'
            cand --send-at 'When to send: RFC 3339 or relative like +10m'
            cand --expire-at 'When to give up: RFC 3339 or relative like +1h'
            cand --max-parts 'Send only if the text fits in this many parts: 1 to 255'
            cand --timeout 'With --wait: give up after this long (exit 5): 1s to 24h'
            cand --poll-interval 'With --wait: time between polls: 10ms to 1h'
            cand --auth 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)'
            cand --region 'SMS region (else SINCH_REGION, else the profile, else us)'
            cand --service-plan-id 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)'
            cand --project-id 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)'
            cand --key-id 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file'
            cand --base-url 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)'
            cand --auth-url 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)'
            cand --request-timeout 'Time each API request may take: 1s to 10m'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --flash 'Show on screen without saving to the inbox'
            cand --dry-run 'Ask the API how it would send (recipients, parts, encoding) without sending'
            cand --wait 'Poll delivery reports until every recipient is final; exit 0 only if all are Delivered'
            cand --json 'Print the API''s JSON answer on stdout instead of the usual output'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;status'= {
            cand --auth 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)'
            cand --region 'SMS region (else SINCH_REGION, else the profile, else us)'
            cand --service-plan-id 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)'
            cand --project-id 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)'
            cand --key-id 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file'
            cand --base-url 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)'
            cand --auth-url 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)'
            cand --request-timeout 'Time each API request may take: 1s to 10m'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --json 'Print the API''s JSON answer on stdout instead of the usual output'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;report'= {
            cand --recipient 'One recipient''s report instead of the batch summary'
            cand --auth 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)'
            cand --region 'SMS region (else SINCH_REGION, else the profile, else us)'
            cand --service-plan-id 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)'
            cand --project-id 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)'
            cand --key-id 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file'
            cand --base-url 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)'
            cand --auth-url 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)'
            cand --request-timeout 'Time each API request may take: 1s to 10m'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --json 'Print the API''s JSON answer on stdout instead of the usual output'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;cancel'= {
            cand --auth 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)'
            cand --region 'SMS region (else SINCH_REGION, else the profile, else us)'
            cand --service-plan-id 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)'
            cand --project-id 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)'
            cand --key-id 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file'
            cand --base-url 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)'
            cand --auth-url 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)'
            cand --request-timeout 'Time each API request may take: 1s to 10m'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --json 'Print the API''s JSON answer on stdout instead of the usual output'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;sandbox'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one; the first stderr line names it)'
            cand --secret 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile''s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`'
            cand --callback-url 'The service plan''s default callback URL: used by batches without their own callback_url and by inbound messages'
            cand --speed 'Run this many times faster than Sinch (status steps of 1 s, retry delays of 5 s, 10 s, 20 s ...); 0.01 to 10000'
            cand --token-ttl 'Lifetime of the OAuth2 tokens it issues (1s to 24h)'
            cand --credentials 'Require these credentials instead of accepting any (repeatable): service-plan=ID:TOKEN or project=PROJECT_ID:KEY_ID:KEY_SECRET. Flag values are visible to other users (`ps`): give the sandbox made-up credentials, never real ones'
            cand --max-batches 'Most batches kept; when full the oldest finished one is dropped (1 to 100000)'
            cand --max-pending 'Most callbacks waiting to be sent, retries included; beyond it sends get 429 (1 to 1000000)'
            cand --callback-timeout 'Time a receiver gets to answer one callback (100ms to 2m); no answer is retried'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --json 'Print one JSON object per API call and callback attempt on stdout (NDJSON)'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand inbound 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sinchctl;sandbox;inbound'= {
            cand --from 'Sender''s phone number'
            cand --to 'Your number or short code'
            cand --body 'The message text'
            cand --sandbox-url 'The running sandbox (else SINCH_SMS_BASE_URL, else http://127.0.0.1:8081)'
            cand --callback-url 'Deliver to this URL instead of the sandbox''s --callback-url'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;sandbox;help'= {
            cand inbound 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sinchctl;sandbox;help;inbound'= {
        }
        &'sinchctl;sandbox;help;help'= {
        }
        &'sinchctl;demo'= {
            cand --timeout 'Give up when not every message is final after this long (1s to 10m); the default keeps a failing demo under 10 seconds too'
            cand --speed 'Sandbox speed (see `sinchctl sandbox --speed`); 0.01 to 10000'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;config'= {
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write a profile to the config file (mode 0600); prompts only on a terminal'
            cand show 'Show every effective setting and where it came from (secrets redacted)'
            cand path 'Print the config file''s path'
            cand set 'Set one key in the profile, keeping the file''s comments and other keys'
            cand get 'Print one key''s effective value (secrets redacted) and its source on stderr'
            cand unset 'Remove one key from the profile, keeping the file''s comments and other keys'
            cand check 'Resolve the SMS credentials, show their sources and try them with one harmless request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sinchctl;config;init'= {
            cand --region 'SMS region: us (the default), eu, au, br or ca'
            cand --project-id 'Project id (OAuth2 mode)'
            cand --key-id 'Access key id (OAuth2 mode)'
            cand --key-secret 'Access key secret (OAuth2 mode) (''-'' reads it from stdin)'
            cand --service-plan-id 'Service plan id (API token mode)'
            cand --api-token 'API token (API token mode) (''-'' reads it from stdin)'
            cand --from 'Default sender: number, short code or name'
            cand --webhook-secret 'Webhook HMAC secret: signs and verifies callbacks (''-'' reads it from stdin)'
            cand --sms-base-url 'SMS API host override (tests, proxies)'
            cand --auth-url 'OAuth2 token URL override'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --webhook-secret-stdin 'Read the webhook secret from stdin (the first line)'
            cand --force 'Replace the profile if it already exists'
            cand --make-default 'Also make this profile the file''s default_profile (else the default stays as it is: the file''s default_profile, or "default")'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;config;show'= {
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --json 'Print one JSON object on stdout'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;config;path'= {
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;config;set'= {
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;config;get'= {
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;config;unset'= {
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;config;check'= {
            cand --auth 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)'
            cand --region 'SMS region (else SINCH_REGION, else the profile, else us)'
            cand --service-plan-id 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)'
            cand --project-id 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)'
            cand --key-id 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file'
            cand --base-url 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region''s host)'
            cand --auth-url 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)'
            cand --request-timeout 'Time each API request may take: 1s to 10m'
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand --json 'Print the API''s JSON answer on stdout instead of the usual output'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;config;help'= {
            cand init 'Write a profile to the config file (mode 0600); prompts only on a terminal'
            cand show 'Show every effective setting and where it came from (secrets redacted)'
            cand path 'Print the config file''s path'
            cand set 'Set one key in the profile, keeping the file''s comments and other keys'
            cand get 'Print one key''s effective value (secrets redacted) and its source on stderr'
            cand unset 'Remove one key from the profile, keeping the file''s comments and other keys'
            cand check 'Resolve the SMS credentials, show their sources and try them with one harmless request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sinchctl;config;help;init'= {
        }
        &'sinchctl;config;help;show'= {
        }
        &'sinchctl;config;help;path'= {
        }
        &'sinchctl;config;help;set'= {
        }
        &'sinchctl;config;help;get'= {
        }
        &'sinchctl;config;help;unset'= {
        }
        &'sinchctl;config;help;check'= {
        }
        &'sinchctl;config;help;help'= {
        }
        &'sinchctl;completions'= {
            cand --config 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)'
            cand --profile 'Profile of the config file to use (default: the file''s default_profile, else "default")'
            cand --color 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on'
            cand -q 'Print nothing on stderr but warnings and errors'
            cand --quiet 'Print nothing on stderr but warnings and errors'
            cand -v 'Print more detail on stderr (never secrets)'
            cand --verbose 'Print more detail on stderr (never secrets)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sinchctl;help'= {
            cand sign 'Sign a callback body the way Sinch does and print the headers, a curl command or JSON'
            cand verify 'Check the signature of a captured callback offline and explain why it fails'
            cand listen 'Receive callbacks: verify signatures, refuse stale and replayed ones, stream statuses'
            cand simulate 'Send signed test callbacks (every kind, scenarios, broken ones, load) or check an endpoint'
            cand replay 'Resend recorded callbacks (from `listen --record` or a raw capture) freshly signed, edited or verbatim'
            cand send 'Send an SMS batch and print its id (alone on stdout)'
            cand status 'Show a batch'
            cand report 'Show a batch''s delivery report (summary, or one recipient''s)'
            cand cancel 'Cancel a batch that has not been sent yet'
            cand sandbox 'Run an offline Sinch SMS API on 127.0.0.1 that sends real signed callbacks'
            cand demo 'See the whole loop offline: sandbox, send, signed callbacks, verified by listen'
            cand config 'Create, change, show, check or locate the config file'
            cand completions 'Print a shell completion script to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sinchctl;help;sign'= {
        }
        &'sinchctl;help;verify'= {
        }
        &'sinchctl;help;listen'= {
        }
        &'sinchctl;help;simulate'= {
            cand suite 'Run the conformance checks against an endpoint and report each with the reason it matters'
        }
        &'sinchctl;help;simulate;suite'= {
        }
        &'sinchctl;help;replay'= {
        }
        &'sinchctl;help;send'= {
        }
        &'sinchctl;help;status'= {
        }
        &'sinchctl;help;report'= {
        }
        &'sinchctl;help;cancel'= {
        }
        &'sinchctl;help;sandbox'= {
            cand inbound 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL'
        }
        &'sinchctl;help;sandbox;inbound'= {
        }
        &'sinchctl;help;demo'= {
        }
        &'sinchctl;help;config'= {
            cand init 'Write a profile to the config file (mode 0600); prompts only on a terminal'
            cand show 'Show every effective setting and where it came from (secrets redacted)'
            cand path 'Print the config file''s path'
            cand set 'Set one key in the profile, keeping the file''s comments and other keys'
            cand get 'Print one key''s effective value (secrets redacted) and its source on stderr'
            cand unset 'Remove one key from the profile, keeping the file''s comments and other keys'
            cand check 'Resolve the SMS credentials, show their sources and try them with one harmless request'
        }
        &'sinchctl;help;config;init'= {
        }
        &'sinchctl;help;config;show'= {
        }
        &'sinchctl;help;config;path'= {
        }
        &'sinchctl;help;config;set'= {
        }
        &'sinchctl;help;config;get'= {
        }
        &'sinchctl;help;config;unset'= {
        }
        &'sinchctl;help;config;check'= {
        }
        &'sinchctl;help;completions'= {
        }
        &'sinchctl;help;help'= {
        }
    ]
    $completions[$command]
}
