<#assign subject><#if lead.firstName??>${lead.firstName}, how<#else>How</#if> a sales team fixed slow lead follow-up</#assign>
Hi ${lead.firstName!"there"},

<#include "_opening.en.ftl">
As a sales leader<#if lead.company??> at ${lead.company}</#if>, you know that a lead who waits a day for an answer is already talking to your competitors.

Here is a case study you may find familiar, "${content.title}": a B2B sales team that took more than 24 hours to contact each new lead. Once they agreed a service level with marketing (first attempt within four hours, five attempts in two weeks), they doubled their meetings:
${content.url}

It includes the sequence template they used, ready to adapt to your process and your reps. There is no pricing and no proposal in it; it is for you and your team to judge whether the approach fits.

How long does it take your team today to make first contact with a new lead?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
