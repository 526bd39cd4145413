<#assign subject><#if lead.firstName??>${lead.firstName}, growing<#else>Growing</#if> a telecom business without inflating acquisition costs</#assign>
Hi ${lead.firstName!"there"},

<#include "_opening.en.ftl">
Running an operator like ${lead.company!"yours"} today means protecting your margin while competitors cut prices and churn never lets up.

Many executives in the sector say their board keeps asking the same thing: what does it really cost to win a customer, and how long until that investment pays back? Answering with reliable numbers is usually the first step in deciding where to grow.

So here is a short guide for you, "${content.title}", written to be read in ten minutes, with questions you can take to your next leadership meeting:
${content.url}

This email is not a sales pitch; if the guide helps you, it was worth sending.

Which of your goals for this year worries you most right now?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
