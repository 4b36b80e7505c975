-- The fleet gate's one Redis script: read an account's state, or replace it if it is still
-- what the caller read. Every decision is made in Python (ses_errors._gate_policy) on what
-- this returns; the script only makes the exchange atomic and reads Redis's own clock, so
-- that every worker decides on one time.
--
-- KEYS[1]: the account's state (a JSON string).
-- ARGV[1]: the state the caller read ('' for none), or '?' to read only.
-- ARGV[2]: the state to write in its place. ARGV[3]: seconds to keep it.
-- Returns {1 if written else 0, the clock's seconds, its microseconds, the state now if not
-- written}.
local clock = redis.call('TIME')
local current = redis.call('GET', KEYS[1]) or ''
if ARGV[1] == '?' or current ~= ARGV[1] then
  return {0, clock[1], clock[2], current}
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return {1, clock[1], clock[2], ''}
