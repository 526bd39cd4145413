<#-- How every sequence email opens, after its greeting: the call it follows, if any, and in the lead's first email a
     line by how the lead came (methodology: an opening line per lead type). Sales ops edit the lines here. -->
<#assign theirCompany = lead.company!"your company">
<#if attempt.afterConnectedCall>
Thanks for taking my call today. As promised, here is the content we talked about, for you and your team to read when it suits you.

<#elseif attempt.afterMissedCall>
I tried calling you but could not reach you, so here is a quick note instead.

</#if>
<#if attempt.firstEmail>
<#switch lead.origin.type>
<#case "form-fill">
<#switch lead.origin.source!"">
<#case "ebook">
You downloaded the ebook: what did you think of it?
<#break>
<#case "webinar">
Thanks for joining the webinar: what did you take away from it for your team?
<#break>
<#case "event">
It was good to meet you at the event.
<#break>
<#default>
Thanks for your interest in the blog.
</#switch>

<#break>
<#case "company-visit">
Someone at ${theirCompany} was recently reading <#if lead.origin.topic??>about "${lead.origin.topic}" </#if>on the blog, so it may be on your team's mind too.

<#break>
<#case "trigger-event">
<#switch lead.origin.event!"">
<#case "funding">
Congratulations on the new funding round at ${theirCompany}: an exciting moment for you and your team.
<#break>
<#case "hiring">
I saw that ${theirCompany} is hiring, so your team is probably growing.
<#break>
<#case "social-mention">
Your recent post caught my eye, and it made me think of your team's goals.
<#break>
<#default>
I read the recent news about ${theirCompany}; congratulations to you and your team.
</#switch>

<#break>
<#case "referral">
${lead.origin.referredBy!"A colleague of yours"} suggested I write to you, thinking this could be useful for your team.

<#break>
</#switch>
</#if>
