export { ApiTokens, RETURNS_WRITE, type TokenPrincipal } from './api-tokens.ts';
export { checkRows } from './return-checks.ts';
export { breakdownHeading, layoutFor, TOTAL, UPLOAD_LIMITS, valueColumns, type ReturnRow, type Schedule, type ValueShape } from './return-layout.ts';
export { instructions, templateCsv, templateXlsx } from './return-template.ts';
export { ReturnProblemsError, ReturnsError } from './returns-errors.ts';
export { ReturnsRepository, type NewSchedule } from './returns-repository.ts';
export { ReturnsService, type Channel, type DiffRow, type Obligation, type ReturnDetail, type ReturnsActor, type ReturnStatus } from './returns-service.ts';
export { readExampleSchedules, type ExampleSchedule } from './example-schedules.ts';
