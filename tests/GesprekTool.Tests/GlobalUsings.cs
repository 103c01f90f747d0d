// Every feature's pages and endpoints, so tests reach their Url(...) helpers without a using per file.
global using GesprekTool.Accounts;
global using GesprekTool.Audit;
global using GesprekTool.Calls;
global using GesprekTool.Components;
global using GesprekTool.Conversations;
global using GesprekTool.Households;
global using GesprekTool.Schools;
global using GesprekTool.WeeklyReports;
