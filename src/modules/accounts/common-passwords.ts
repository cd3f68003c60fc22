/**
 * Passwords of 12 characters or more that appear near the top of breached-password lists (NCSC's
 * "100,000 most used passwords" list and similar); refused whatever their length.
 */
export const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', 'qwertyuiopas', 'qwertyuiop123', 'passwordpassword', 'password1234',
  'password12345', 'password123456', 'iloveyou1234', 'abcdefghijkl', 'abc123abc123', '111111111111',
  '000000000000', '123123123123', 'qwerty123456', 'welcome12345', 'letmein12345', 'football1234',
  'changeme1234', 'administrator', 'administrator1', 'correcthorsebatterystaple', 'correct horse battery staple',
  'qwertyuiopasdfghjkl', 'q1w2e3r4t5y6', '1q2w3e4r5t6y', 'asdfghjkl123', 'zaq12wsxcde3', 'passw0rd1234',
  'p@ssw0rd1234', 'p@ssword1234', 'monkey123456', 'sunshine1234', 'princess1234', 'trustno11234',
  'superman1234', 'starwars1234', 'baseball1234', 'liverpool123', 'arsenal12345', 'chelsea12345',
]);
